import { CommandRegistry, type CommandSpec } from "../command";
import * as builtins from "./builtins";
import { echo } from "./echo";
import { printf } from "./printf";
import { ls } from "./ls";
import { cat } from "./cat";
import { mkdir, rmdir } from "./mkdir";
import { rm, touch } from "./rm";
import { head, tail } from "./head";
import { tee } from "./tee";
import { grep } from "./grep";
import { wc } from "./wc";
import { sort, uniq } from "./sort";
import { sleep } from "./sleep";
import { date } from "./date";
import { ps } from "./ps";
import { env, hostname, man, nproc, uname, which, whoami, yes } from "./system";
import type { Host } from "../../host/host";

/** The commands every simulated host has. Simulators add theirs with `registry.add`. */
export function baseCommands(): CommandSpec[] {
  return [
    ...Object.values(builtins),
    echo,
    printf,
    ls,
    cat,
    mkdir,
    rmdir,
    rm,
    touch,
    head,
    tail,
    tee,
    grep,
    wc,
    sort,
    uniq,
    sleep,
    date,
    ps,
    env,
    hostname,
    man,
    nproc,
    uname,
    which,
    whoami,
    yes,
  ];
}

export function baseRegistry(): CommandRegistry {
  const registry = new CommandRegistry();
  registry.add(...baseCommands());
  return registry;
}

/** Puts an executable file for every non-builtin command where `which` says it is, so `ls /usr/bin` agrees. */
export function installBinaries(host: Host, registry: CommandRegistry): void {
  for (const spec of registry.all()) {
    if (spec.builtin === true) continue;
    const path = `${spec.dir ?? "/usr/bin"}/${spec.name}`;
    if (host.vfs.tryLookup(path) === undefined) {
      host.vfs.install(path, host.vfs.newFile(`#!ELF simulated ${spec.name}\n`, 0o755));
    }
  }
}
