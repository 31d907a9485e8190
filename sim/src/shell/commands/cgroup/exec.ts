import type { Vfs } from "../../../host/vfs";
import type { CommandContext } from "../../command";
import { localize } from "../../../i18n/catalog";
import { cgroupMessages as m } from "../../../i18n/cgroup";
import { cgroupModel, type CgroupModel } from "./model";

/** The cgroup model of the command's host, or a message and undefined. */
export async function modelOrFail(ctx: CommandContext): Promise<CgroupModel | undefined> {
  const model = cgroupModel(ctx.host);
  if (model === undefined)
    await ctx.stderr.write(`${localize(ctx.lang, m.noModel, { name: ctx.argv[0]! })}\n`);
  return model;
}

/**
 * execvp(3) of another command of the same registry in this process (cgexec,
 * taskset): same pid, same streams, same signal. `pid`, `fs` and `signal`
 * override them for a new process (docker run's container init, which sees
 * the files through its cgroup namespace).
 */
export async function execCommand(
  ctx: CommandContext,
  argv: readonly string[],
  override: { pid?: number; fs?: Vfs; signal?: AbortSignal } = {},
): Promise<number> {
  const name = argv[0]!;
  const spec = ctx.shell.registry.get(name.slice(name.lastIndexOf("/") + 1));
  if (spec === undefined || spec.builtin === true) {
    await ctx.stderr.write(`${localize(ctx.lang, m.commandNotFound, { name: ctx.argv[0]!, cmd: name })}\n`);
    return 127;
  }
  const signal = override.signal ?? ctx.signal;
  const host = ctx.host;
  const child: CommandContext = {
    ...ctx,
    argv,
    fs: override.fs ?? ctx.fs,
    signal,
    pid: override.pid ?? ctx.pid,
    error: (message) => ctx.stderr.write(`${name}: ${message}\n`).catch(() => undefined),
    sleep: (us) => host.sleep(us, signal),
  };
  const proc = ctx.host.processes.get(child.pid);
  if (proc !== undefined && override.pid === undefined) {
    // execve replaces the process image: ps shows the new command.
    Object.assign(proc, { comm: name.slice(0, 15), args: [...argv] });
  }
  return spec.run(child);
}
