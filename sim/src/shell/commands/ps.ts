import type { CommandSpec } from "../command";
import type { SimProcess } from "../../host/process";

/** procps ps: the default (this terminal's processes), `-e`/`aux`/`-ef` for all, `-o` not simulated. */
export const ps: CommandSpec = {
  name: "ps",
  synopsis: "ps [-e | -ef | aux]",
  summary: { en: "Report a snapshot of the current processes.", ko: "현재 프로세스의 스냅숏을 보여 줍니다." },
  options: [
    { flags: "-e, -A", help: { en: "select all processes", ko: "모든 프로세스를 선택" } },
    { flags: "-f", help: { en: "full-format listing", ko: "전체 형식으로 표시" } },
    {
      flags: "aux",
      help: {
        en: "BSD style: all processes with CPU and memory use",
        ko: "BSD 형식: 모든 프로세스와 CPU·메모리 사용량",
      },
    },
  ],
  async run(ctx) {
    const args = ctx.argv.slice(1);
    const bsd = args.some((a) => /^[aux]+$/.test(a));
    const all = bsd || args.some((a) => /^-[A-Za-z]*[eA]/.test(a));
    const full = args.some((a) => /^-[A-Za-z]*f/.test(a));
    for (const a of args) {
      if (!/^-?[aefuxAl]+$/.test(a)) {
        await ctx.stderr.write(`${ctx.t("cmd.psBadOption")}\n\n${ctx.t("usage.prefix")}\n ps [options]\n`);
        return 1;
      }
    }
    const now = ctx.host.clock.nowUs;
    const shellPid = ctx.shell.pid;
    const procs = ctx.host.processes.list().filter((p) => all || p.pid === shellPid || p.ppid === shellPid);
    const time = (p: SimProcess): string => {
      const s = Math.floor(p.cpuUs / 1e6);
      return `${String(Math.floor(s / 3600)).padStart(2, "0")}:${String(Math.floor(s / 60) % 60).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
    };
    const cmd = (p: SimProcess): string => (p.args.length > 0 ? p.args.join(" ") : `[${p.comm}]`);
    const tty = (p: SimProcess): string => (p.pid === 1 ? "?" : "pts/0");
    let lines: string[];
    if (bsd) {
      const mem = ctx.host.config.memoryBytes;
      lines = ["USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND"];
      for (const p of procs) {
        const age = Math.max(1, now - p.startUs);
        const cpu = ((p.cpuUs / age) * 100).toFixed(1);
        const pmem = ((p.rssBytes / mem) * 100).toFixed(1);
        const rss = Math.floor(p.rssBytes / 1024);
        const start = new Date(ctx.host.epochMs(p.startUs));
        const hhmm = `${String(start.getUTCHours()).padStart(2, "0")}:${String(start.getUTCMinutes()).padStart(2, "0")}`;
        const t = `${Math.floor(p.cpuUs / 60e6)}:${String(Math.floor(p.cpuUs / 1e6) % 60).padStart(2, "0")}`;
        lines.push(
          `root     ${String(p.pid).padStart(7)} ${cpu.padStart(4)} ${pmem.padStart(4)} ${String(rss + 8192).padStart(6)} ${String(rss).padStart(5)} ${tty(p).padEnd(8)} ${(p.state + (p.pid === shellPid ? "s" : "")).padEnd(4)} ${hhmm}  ${t.padStart(5)} ${cmd(p)}`,
        );
      }
    } else if (full) {
      lines = ["UID          PID    PPID  C STIME TTY          TIME CMD"];
      for (const p of procs) {
        const start = new Date(ctx.host.epochMs(p.startUs));
        const hhmm = `${String(start.getUTCHours()).padStart(2, "0")}:${String(start.getUTCMinutes()).padStart(2, "0")}`;
        lines.push(
          `root     ${String(p.pid).padStart(7)} ${String(p.ppid).padStart(7)}  0 ${hhmm} ${tty(p).padEnd(8)} ${time(p)} ${cmd(p)}`,
        );
      }
    } else {
      lines = ["    PID TTY          TIME CMD"];
      for (const p of procs)
        lines.push(`${String(p.pid).padStart(7)} ${tty(p).padEnd(8)} ${time(p)} ${p.comm}`);
    }
    await ctx.stdout.write(lines.map((l) => `${l}\n`).join(""));
    return 0;
  },
};
