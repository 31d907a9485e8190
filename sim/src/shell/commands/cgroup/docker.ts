import type { CommandContext, CommandSpec } from "../../command";
import type { Host } from "../../../host/host";
import type { Vfs } from "../../../host/vfs";
import type { OutputStream } from "../../io";
import { localize } from "../../../i18n/catalog";
import { cgroupMessages as m } from "../../../i18n/cgroup";
import { parseCoreutilsSize } from "../../../core/units";
import { execCommand, modelOrFail } from "./exec";
import type { CgroupModel } from "./model";

/**
 * docker run with the resource flags, as dockerd + runc apply them on cgroup
 * v2 (systemd driver): the container's processes go to
 * system.slice/docker-<64 hex>.scope, and runc's libcontainer/cgroups/fs2
 * writes
 *   cpu.max    "<cpus × 100000> 100000"       (NanoCPUs → CpuQuota with CpuPeriod 100000)
 *   cpu.weight 1 + ((shares - 2) × 9999) / 262142 (ConvertCPUSharesToCgroupV2Value)
 *   memory.max bytes; memory.swap.max = memory-swap − memory (memory-swap defaults to 2 × memory)
 *   io.max     "MAJ:MIN rbps=N" / "wbps=N"
 * The command runs inside with a cgroup namespace: its /sys/fs/cgroup is the
 * container's group and /proc/self/cgroup reads "0::/".
 */
export const docker: CommandSpec = {
  name: "docker",
  synopsis:
    "docker run [--rm] [-d] [--cpus N] [--memory SIZE] [--cpu-shares N] [--device-read-bps DEV:RATE] [--device-write-bps DEV:RATE] IMAGE [COMMAND] [ARG...]",
  summary: {
    en: "Run a command in a new container (resource limits through cgroup v2).",
    ko: "새 컨테이너에서 명령을 실행합니다 (cgroup v2로 자원을 제한).",
  },
  options: [
    { flags: "--cpus N", help: { en: "number of CPUs (cpu.max quota)", ko: "CPU 개수 (cpu.max 할당량)" } },
    { flags: "-m, --memory SIZE", help: { en: "memory limit (memory.max)", ko: "메모리 제한 (memory.max)" } },
    {
      flags: "-c, --cpu-shares N",
      help: { en: "relative CPU weight (cpu.weight)", ko: "상대 CPU 가중치 (cpu.weight)" },
    },
    {
      flags: "--device-read-bps DEV:RATE",
      help: { en: "read rate limit of a device (io.max rbps)", ko: "장치 읽기 속도 제한 (io.max rbps)" },
    },
    {
      flags: "--device-write-bps DEV:RATE",
      help: { en: "write rate limit of a device (io.max wbps)", ko: "장치 쓰기 속도 제한 (io.max wbps)" },
    },
    {
      flags: "-d, --detach",
      help: {
        en: "run in the background and print the container ID",
        ko: "백그라운드에서 실행하고 컨테이너 ID를 출력",
      },
    },
    { flags: "--rm", help: { en: "remove the container when it exits", ko: "끝나면 컨테이너를 제거" } },
  ],
  async run(ctx) {
    const args = ctx.argv.slice(1);
    if (args[0] !== "run") {
      await ctx.stderr.write(`${localize(ctx.lang, m.dockerUnknownCommand, { cmd: args[0] ?? "" })}\n`);
      return args.length === 0 ? 0 : 1;
    }
    const model = await modelOrFail(ctx);
    if (model === undefined) return 1;
    const flagError = async (text: string): Promise<number> => {
      await ctx.stderr.write(`docker: ${text}\nSee 'docker run --help'.\n`);
      return 125;
    };
    const opts: RunOptions = { rm: false, detach: false, devices: [] };
    let i = 1;
    for (; i < args.length; i++) {
      const a = args[i]!;
      if (!a.startsWith("-")) break;
      const eq = a.indexOf("=");
      const flag = eq < 0 ? a : a.slice(0, eq);
      const takes = [
        "--cpus",
        "--memory",
        "-m",
        "--cpu-shares",
        "-c",
        "--device-read-bps",
        "--device-write-bps",
        "--name",
        "--memory-swap",
      ];
      let value: string | undefined;
      if (takes.includes(flag)) {
        value = eq < 0 ? args[++i] : a.slice(eq + 1);
        if (value === undefined) return flagError(`flag needs an argument: ${flag}`);
      }
      switch (flag) {
        case "--rm":
          opts.rm = true;
          break;
        case "-d":
        case "--detach":
          opts.detach = true;
          break;
        case "-i":
        case "-t":
        case "-it":
        case "-ti":
        case "--interactive":
        case "--tty":
        case "--name":
          break;
        case "--cpus": {
          const n = Number(value);
          if (!/^[0-9]*\.?[0-9]+$/.test(value!) || !Number.isFinite(n))
            return flagError(
              localize(ctx.lang, m.dockerBadValue, { value: value!, flag, reason: "invalid syntax" }),
            );
          opts.nanoCpus = Math.round(n * 1e9);
          break;
        }
        case "-m":
        case "--memory":
        case "--memory-swap": {
          const b = parseDockerSize(value!);
          if (b === undefined)
            return flagError(
              localize(ctx.lang, m.dockerBadValue, { value: value!, flag, reason: "invalid size" }),
            );
          if (flag === "--memory-swap") opts.memorySwap = b;
          else opts.memory = b;
          break;
        }
        case "-c":
        case "--cpu-shares": {
          if (!/^[0-9]+$/.test(value!))
            return flagError(
              localize(ctx.lang, m.dockerBadValue, { value: value!, flag, reason: "invalid syntax" }),
            );
          opts.shares = Number(value);
          break;
        }
        case "--device-read-bps":
        case "--device-write-bps": {
          const colon = value!.lastIndexOf(":");
          const rate = colon < 0 ? undefined : parseDockerSize(value!.slice(colon + 1));
          if (colon < 0 || rate === undefined)
            return flagError(
              localize(ctx.lang, m.dockerBadValue, { value: value!, flag, reason: "bad format" }),
            );
          opts.devices.push({
            path: value!.slice(0, colon),
            dir: flag === "--device-read-bps" ? "rbps" : "wbps",
            rate,
          });
          break;
        }
        default:
          return flagError(localize(ctx.lang, m.dockerBadFlag, { flag }));
      }
    }
    const image = args[i];
    if (image === undefined) {
      await ctx.stderr.write(`docker: ${localize(ctx.lang, m.dockerNoImage)}\n`);
      return 125;
    }
    const command = args.slice(i + 1);
    if (command.length === 0) command.push("sleep", "infinity");
    // Daemon-side validation (daemon/daemon_unix.go verifyPlatformContainerResources).
    const cpus = ctx.host.config.cpus;
    if (opts.nanoCpus !== undefined && (opts.nanoCpus < 0.01e9 || opts.nanoCpus > cpus * 1e9)) {
      await ctx.stderr.write(`${localize(ctx.lang, m.dockerCpusRange, { max: cpus })}\n`);
      return 125;
    }
    if (opts.memory !== undefined && opts.memory > 0 && opts.memory < 6 * 2 ** 20) {
      await ctx.stderr.write(`${localize(ctx.lang, m.dockerMemoryMin)}\n`);
      return 125;
    }
    const devs: { key: string; dir: "rbps" | "wbps"; rate: number }[] = [];
    for (const d of opts.devices) {
      const node = ctx.fs.tryLookup(d.path, ctx.cwd);
      if (node === undefined || node.kind !== "blockdev") {
        await ctx.stderr.write(`${localize(ctx.lang, m.dockerBadDevice, { dev: d.path })}\n`);
        return 125;
      }
      devs.push({ key: `${node.major}:${node.minor}`, dir: d.dir, rate: d.rate });
    }
    const spec = ctx.shell.registry.get(command[0]!);
    if (spec === undefined || spec.builtin === true) {
      await ctx.stderr.write(`${localize(ctx.lang, m.dockerExec, { cmd: command[0]! })}\n`);
      return 127;
    }
    const id = containerId(ctx.host);
    const scope = `system.slice/docker-${id}.scope`;
    const cg = model.cg;
    try {
      cg.mkdir(scope);
      if (opts.nanoCpus !== undefined) {
        // runc: quota = NanoCPUs × period / 1e9 with period 100000 µs.
        cg.writeFile(scope, "cpu.max", `${Math.floor((opts.nanoCpus * 100000) / 1e9)} 100000`);
      }
      if (opts.shares !== undefined && opts.shares > 0) {
        cg.writeFile(scope, "cpu.weight", String(cpuSharesToWeight(opts.shares)));
      }
      if (opts.memory !== undefined && opts.memory > 0) {
        cg.writeFile(scope, "memory.max", String(opts.memory));
        const swap = opts.memorySwap ?? 2 * opts.memory;
        cg.writeFile(scope, "memory.swap.max", swap < 0 ? "max" : String(Math.max(0, swap - opts.memory)));
      }
      for (const d of devs) cg.writeFile(scope, "io.max", `${d.key} ${d.dir}=${d.rate}`);
    } catch (e) {
      await ctx.stderr.write(
        `docker: Error response from daemon: ${e instanceof Error ? e.message : String(e)}.\n`,
      );
      return 125;
    }
    const proc = ctx.host.processes.spawn({
      comm: command[0]!,
      args: command,
      ppid: 1,
      nowUs: ctx.host.clock.nowUs,
      cgroup: scope,
    });
    model.sync();
    const view = containerView(ctx.host, proc.pid, model, scope);
    const signal = proc.abort.signal;
    const onParentAbort = (): void => proc.abort.abort(ctx.signal.reason);
    const finish = (): void => {
      ctx.host.processes.exit(proc.pid);
      model.sync();
      try {
        cg.rmdir(scope);
      } catch {
        // still populated (a worker outliving its parent): systemd keeps the scope
      }
    };
    if (opts.detach) {
      await ctx.stdout.write(`${id}\n`);
      const quiet: OutputStream = { isTerminal: false, write: () => Promise.resolve() };
      const child: CommandContext = { ...ctx, stdout: quiet, stderr: quiet };
      void execCommand(child, command, { pid: proc.pid, fs: view, signal })
        .catch(() => 1)
        .finally(finish);
      return 0;
    }
    ctx.signal.addEventListener("abort", onParentAbort, { once: true });
    try {
      const status = await execCommand(ctx, command, { pid: proc.pid, fs: view, signal });
      return signal.aborted && typeof signal.reason === "number" ? 128 + signal.reason : status;
    } finally {
      ctx.signal.removeEventListener("abort", onParentAbort);
      finish();
    }
  },
};

interface RunOptions {
  rm: boolean;
  detach: boolean;
  nanoCpus?: number;
  memory?: number;
  memorySwap?: number;
  shares?: number;
  devices: { path: string; dir: "rbps" | "wbps"; rate: number }[];
}

/** runc libcontainer/cgroups ConvertCPUSharesToCgroupV2Value(): [2, 262144] → [1, 10000]. */
export function cpuSharesToWeight(shares: number): number {
  const s = Math.min(262144, Math.max(2, shares)); // the kernel's cpu.shares range, as runc clamps first
  return 1 + Math.floor(((s - 2) * 9999) / 262142);
}

/** go-units RAMInBytes: b, k, m, g (base 1024), optional "b" after the letter. */
export function parseDockerSize(text: string): number | undefined {
  const mm = /^([0-9]+(?:\.[0-9]+)?)\s*([bkmgtp]?)b?$/i.exec(text);
  if (mm === null) return parseCoreutilsSize(text);
  const shift = { "": 0, b: 0, k: 10, m: 20, g: 30, t: 40, p: 50 }[mm[2]!.toLowerCase()] ?? 0;
  return Math.floor(Number(mm[1]) * 2 ** shift);
}

function containerId(host: Host): string {
  let s = "";
  for (let i = 0; i < 8; i++) s += host.rng.nextUint32().toString(16).padStart(8, "0");
  return s;
}

/**
 * The file tree as a process in the container sees it: /proc/self is that
 * process, and the cgroup namespace roots /sys/fs/cgroup and
 * /proc/<pid>/cgroup at the container's group.
 */
function containerView(host: Host, pid: number, model: CgroupModel, scope: string): Vfs {
  const rewrite = (path: string, cwd: string): string => {
    const abs = path.startsWith("/") ? path : `${cwd === "/" ? "" : cwd}/${path}`;
    const norm = `/${abs
      .split("/")
      .filter((p) => p !== "" && p !== ".")
      .join("/")}`;
    if (norm === "/sys/fs/cgroup" || norm.startsWith("/sys/fs/cgroup/"))
      return `/sys/fs/cgroup/${scope}${norm.slice("/sys/fs/cgroup".length)}`;
    return path;
  };
  const cgroupFile = (path: string): boolean => /^\/proc\/(self|[0-9]+)\/cgroup$/.test(path);
  const nsCgroup = (path: string): string => {
    const target = path.startsWith("/proc/self/") ? pid : Number(path.split("/")[2]);
    const real = model.cgroupOf(target);
    const rel =
      real === scope ? "" : real.startsWith(`${scope}/`) ? real.slice(scope.length + 1) : `../${real}`;
    return `0::/${rel}\n`;
  };
  return new Proxy(host.vfs, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== "function") return value;
      return (...a: unknown[]): unknown => {
        host.currentPid = pid;
        if (typeof a[0] === "string") {
          const p = a[0];
          if (cgroupFile(p) && (prop === "lookup" || prop === "tryLookup"))
            return target.newGenerated(() => nsCgroup(p));
          if (cgroupFile(p) && (prop === "readFile" || prop === "readText")) {
            const text = nsCgroup(p);
            return prop === "readText" ? text : new TextEncoder().encode(text);
          }
          a[0] = rewrite(p, typeof a[1] === "string" ? a[1] : "/");
        }
        return (value as (...x: unknown[]) => unknown).apply(target, a);
      };
    },
  });
}
