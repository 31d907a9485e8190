import type { CommandContext, CommandSpec } from "../../command";
import { localize } from "../../../i18n/catalog";
import { cgroupMessages as m } from "../../../i18n/cgroup";
import { modelOrFail } from "./exec";
import type { CgroupModel } from "./model";

/**
 * Accepts the batch-mode arguments (-b, -n 1, -d SECS) and returns the delay,
 * or undefined after a message. Both tools print rates over one refresh
 * interval: the frame is drawn after sampling twice, `delay` apart.
 */
async function batchArgs(
  ctx: CommandContext,
  name: string,
  defaultDelayS: number,
): Promise<number | undefined> {
  const args = ctx.argv.slice(1);
  let batch = false;
  let once = false;
  let delay = defaultDelayS;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const val = (short: string, long: string): string | undefined => {
      if (a === short || a === long) return args[++i];
      if (a.startsWith(`${long}=`)) return a.slice(long.length + 1);
      if (a.startsWith(short) && a.length > 2) return a.slice(2);
      return undefined;
    };
    if (a === "-b" || a === "--batch") batch = true;
    else if (a === "-bn1" || a === "-bn") {
      batch = true;
      once = a === "-bn1" || args[++i] === "1";
    } else if (a.startsWith("-n") || a.startsWith("--iterations")) once = val("-n", "--iterations") === "1";
    else if (a.startsWith("-d") || a.startsWith("--delay")) {
      const v = Number(val("-d", "--delay"));
      if (!Number.isFinite(v) || v <= 0) {
        await ctx.stderr.write(`${localize(ctx.lang, m.batchOnly, { name })}\n`);
        return undefined;
      }
      delay = v;
    } else {
      await ctx.stderr.write(`${localize(ctx.lang, m.batchOnly, { name })}\n`);
      return undefined;
    }
  }
  if (!batch || !once) {
    await ctx.stderr.write(`${localize(ctx.lang, m.batchOnly, { name })}\n`);
    return undefined;
  }
  return delay;
}

/** Samples now and after `delayS`: the snapshot then covers exactly that interval. */
async function measure(ctx: CommandContext, model: CgroupModel, delayS: number): Promise<boolean> {
  model.sync();
  model.cg.snapshot();
  return ctx.sleep(Math.round(delayS * 1e6));
}

/**
 * procps-ng top in batch mode, one frame: the summary area and the task
 * table. %CPU is each thread's CPU time over the interval since the previous
 * frame (top or systemd-cgtop), from the scheduler model; sorted by %CPU.
 */
export const top: CommandSpec = {
  name: "top",
  synopsis: "top -b -n 1 [-d SECS]",
  summary: {
    en: "Display Linux processes (one batch-mode frame).",
    ko: "리눅스 프로세스를 보여 줍니다 (배치 모드 한 화면).",
  },
  options: [
    { flags: "-b", help: { en: "batch mode", ko: "배치 모드" } },
    { flags: "-n 1", help: { en: "one iteration", ko: "한 번만 갱신" } },
    {
      flags: "-d SECS",
      help: { en: "interval the rates cover (default 3)", ko: "사용률을 재는 간격 (기본 3초)" },
    },
  ],
  async run(ctx) {
    const delay = await batchArgs(ctx, "top", 3);
    if (delay === undefined) return 1;
    const model = await modelOrFail(ctx);
    if (model === undefined) return 1;
    if (!(await measure(ctx, model, delay))) return 130;
    await ctx.stdout.write(topFrame(ctx, model));
    return 0;
  },
};

function topFrame(ctx: CommandContext, model: CgroupModel): string {
  model.sync();
  const snap = model.cg.snapshot();
  const cpus = ctx.host.config.cpus;
  const now = new Date(ctx.host.epochMs());
  const hms = [now.getUTCHours(), now.getUTCMinutes(), now.getUTCSeconds()]
    .map((n) => String(n).padStart(2, "0"))
    .join(":");
  const upMin = Math.floor(ctx.host.clock.nowUs / 60e6);
  const up = upMin < 60 ? `${upMin} min` : `${Math.floor(upMin / 60)}:${String(upMin % 60).padStart(2, "0")}`;
  const procs = ctx.host.processes.list();
  // Model workers report their scheduler state; other processes sleep in a syscall, top itself runs.
  const stateOf = (p: (typeof procs)[number]): string =>
    p.pid === ctx.pid ? "R" : model.cg.procs.get(p.pid)?.threads.length ? p.state : "S";
  const running = procs.filter((p) => stateOf(p) === "R").length;
  const busy = snap.intervalUs > 0 ? snap.groups.find((g) => g.path === "/")!.cpuPercent / cpus : 0;
  const us = Math.min(100, busy);
  const memMiB = ctx.host.config.memoryBytes / 2 ** 20;
  const usedMiB = model.cg.root.memcg!.currentBytes / 2 ** 20;
  const f1 = (x: number): string => x.toFixed(1);
  const lines = [
    `top - ${hms} up ${up},  1 user,  load average: 0.00, 0.00, 0.00`,
    `Tasks: ${String(procs.length).padStart(3)} total, ${String(running).padStart(3)} running, ${String(procs.length - running).padStart(3)} sleeping,   0 stopped,   0 zombie`,
    // procps-ng top: "%Cpu(s):%5.1f us,%5.1f sy,..."
    `%Cpu(s):${f1(us).padStart(5)} us,  0.0 sy,  0.0 ni,${f1(100 - us).padStart(5)} id,  0.0 wa,  0.0 hi,  0.0 si,  0.0 st `,
    `MiB Mem : ${f1(memMiB).padStart(8)} total, ${f1(memMiB - usedMiB).padStart(8)} free, ${f1(usedMiB).padStart(8)} used, ${f1(0).padStart(8)} buff/cache     `,
    `MiB Swap: ${f1(0).padStart(8)} total, ${f1(0).padStart(8)} free, ${f1(0).padStart(8)} used. ${f1(memMiB - usedMiB).padStart(8)} avail Mem `,
    "",
    "    PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND",
  ];
  const perPid = new Map<number, number>();
  for (const t of snap.tasks) perPid.set(t.pid, (perPid.get(t.pid) ?? 0) + t.cpuPercent);
  const rows = procs
    .map((p) => ({ p, cpu: perPid.get(p.pid) ?? 0 }))
    .sort((a, b) => b.cpu - a.cpu || a.p.pid - b.p.pid);
  for (const { p, cpu } of rows) {
    const res = Math.floor(p.rssBytes / 1024);
    const cs = Math.floor(p.cpuUs / 1e4);
    const time = `${Math.floor(cs / 6000)}:${String(Math.floor(cs / 100) % 60).padStart(2, "0")}.${String(cs % 100).padStart(2, "0")}`;
    lines.push(
      `${String(p.pid).padStart(7)} root      20   0 ${String(res + 8192).padStart(7)} ${String(res).padStart(7)} ${String(0).padStart(6)} ${stateOf(p)} ${f1(cpu).padStart(5)} ${f1((p.rssBytes / ctx.host.config.memoryBytes) * 100).padStart(5)} ${time.padStart(9)} ${p.comm}`,
    );
  }
  return `${lines.join("\n")}\n`;
}

/**
 * systemd-cgtop in batch mode, one iteration: per control group the tasks,
 * %CPU (over the interval since the previous frame), memory.current and I/O
 * rates, ordered by CPU like the default --order=cpu.
 */
export const systemdCgtop: CommandSpec = {
  name: "systemd-cgtop",
  synopsis: "systemd-cgtop -b -n 1 [-d SECS]",
  summary: {
    en: "Show the top control groups by their resource usage (one batch-mode frame).",
    ko: "컨트롤 그룹을 자원 사용량 순으로 보여 줍니다 (배치 모드 한 화면).",
  },
  options: [
    { flags: "-b", help: { en: "batch mode", ko: "배치 모드" } },
    { flags: "-n 1", help: { en: "one iteration", ko: "한 번만 갱신" } },
    {
      flags: "-d SECS",
      help: { en: "interval the rates cover (default 1)", ko: "사용률을 재는 간격 (기본 1초)" },
    },
  ],
  async run(ctx) {
    const delay = await batchArgs(ctx, "systemd-cgtop", 1);
    if (delay === undefined) return 1;
    const model = await modelOrFail(ctx);
    if (model === undefined) return 1;
    if (!(await measure(ctx, model, delay))) return 130;
    model.sync();
    const snap = model.cg.snapshot();
    const groups = snap.groups
      .filter((g) => g.path === "/" || g.tasks > 0 || g.procs > 0)
      .sort((a, b) => b.cpuPercent - a.cpuPercent || (a.path < b.path ? -1 : 1));
    const lines = [
      `${"Control Group".padEnd(48)}${"Tasks".padStart(6)}${"%CPU".padStart(7)}${"Memory".padStart(9)}${"Input/s".padStart(9)}${"Output/s".padStart(9)}`,
    ];
    for (const g of groups) {
      const tasks = ctx.host.processes
        .list()
        .filter(
          (p) =>
            `/${p.cgroup}` === g.path || (g.path === "/" ? true : `/${p.cgroup}`.startsWith(`${g.path}/`)),
        ).length;
      lines.push(
        `${g.path.padEnd(48)}${String(tasks).padStart(6)}${(snap.intervalUs > 0 ? g.cpuPercent.toFixed(1) : "-").padStart(7)}${formatBytes(g.memoryBytes).padStart(9)}${"-".padStart(9)}${"-".padStart(9)}`,
      );
    }
    await ctx.stdout.write(`${lines.join("\n")}\n`);
    return 0;
  },
};

/** systemd format_bytes(): IEC with one decimal ("1.5G", "256.0M"), plain bytes below 1K ("512B"). */
function formatBytes(bytes: number): string {
  const units = ["K", "M", "G", "T"];
  if (bytes < 1024) return `${bytes}B`;
  let v = bytes / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(1)}${units[u]!}`;
}
