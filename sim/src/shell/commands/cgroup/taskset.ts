import type { CommandSpec } from "../../command";
import { localize, strerror } from "../../../i18n/catalog";
import { cgroupMessages as m } from "../../../i18n/cgroup";
import { isSysError } from "../../../core/errno";
import { execCommand, modelOrFail } from "./exec";

/**
 * util-linux taskset: `taskset [-c] MASK|LIST CMD...` runs CMD pinned
 * (sched_setaffinity on itself, then exec: children inherit the mask);
 * `taskset -p [-c] [MASK|LIST] PID` shows or changes a running process's.
 */
export const taskset: CommandSpec = {
  name: "taskset",
  synopsis: "taskset [-c] MASK|LIST COMMAND [ARG]... | taskset -p [-c] [MASK|LIST] PID",
  summary: {
    en: "Set or retrieve a process's CPU affinity.",
    ko: "프로세스의 CPU 선호도를 설정하거나 조회합니다.",
  },
  options: [
    {
      flags: "-c, --cpu-list",
      help: {
        en: "CPUs as a list (0,2-3) instead of a hex mask",
        ko: "CPU를 16진수 마스크 대신 목록(0,2-3)으로",
      },
    },
    { flags: "-p, --pid", help: { en: "operate on an existing PID", ko: "실행 중인 PID에 적용" } },
  ],
  async run(ctx) {
    let list = false;
    let pidMode = false;
    let i = 1;
    const args = ctx.argv;
    for (; i < args.length; i++) {
      const a = args[i]!;
      if (a === "--cpu-list") list = true;
      else if (a === "--pid") pidMode = true;
      else if (/^-[cpa]+$/.test(a)) {
        if (a.includes("c")) list = true;
        if (a.includes("p")) pidMode = true;
      } else if (a.startsWith("-") && a !== "--") {
        await ctx.stderr.write(
          `${ctx.t("cmd.invalidOption", { name: "taskset", option: a.slice(1, 2) })}\n${ctx.t("cmd.tryHelp", { name: "taskset" })}\n`,
        );
        return 1;
      } else {
        if (a === "--") i++;
        break;
      }
    }
    const rest = args.slice(i);
    const model = await modelOrFail(ctx);
    if (model === undefined) return 1;
    const ncpu = ctx.host.config.cpus;
    const parse = (text: string): number[] | undefined => (list ? parseCpuList(text) : parseMask(text));
    const show = (cpus: readonly number[]): string =>
      list ? formatCpuList(cpus) : cpus.reduce((mk, c) => mk | (1n << BigInt(c)), 0n).toString(16);
    if (pidMode) {
      if (rest.length === 0 || rest.length > 2) {
        await ctx.stderr.write(`${localize(ctx.lang, m.tasksetUsage)}\n`);
        return 1;
      }
      const pidText = rest.at(-1)!;
      if (!/^[0-9]+$/.test(pidText)) {
        await ctx.stderr.write(`${localize(ctx.lang, m.tasksetBadPid, { value: pidText })}\n`);
        return 1;
      }
      const pid = Number(pidText);
      model.sync();
      const proc = model.cg.procs.get(pid);
      if (proc === undefined) {
        await ctx.stderr.write(
          `taskset: failed to get pid ${pid}'s affinity: ${strerror(ctx.lang, "ESRCH")}\n`,
        );
        return 1;
      }
      const current = (): readonly number[] =>
        proc.threads[0]?.allowedCpus ?? model.affinity.get(pid) ?? Array.from({ length: ncpu }, (_, c) => c);
      const word = list ? "list" : "mask";
      const cur = show(current());
      await ctx.stdout.write(`pid ${pid}'s current affinity ${word}: ${cur}\n`);
      if (rest.length === 1) return 0;
      const cpus = parse(rest[0]!);
      if (cpus === undefined || !cpus.some((c) => c < ncpu)) {
        await ctx.stderr.write(`${localize(ctx.lang, m.tasksetBadList, { value: rest[0]! })}\n`);
        return 1;
      }
      try {
        if (proc.threads.length > 0) model.cg.setAffinity(pid, cpus);
        model.affinity.set(
          pid,
          cpus.filter((c) => c < ncpu),
        );
      } catch (e) {
        await ctx.stderr.write(
          `${localize(ctx.lang, m.tasksetFailed, { pid, error: strerror(ctx.lang, isSysError(e) ? e.errno : "EINVAL") })}\n`,
        );
        return 1;
      }
      await ctx.stdout.write(`pid ${pid}'s new affinity ${word}: ${show(current())}\n`);
      return 0;
    }
    if (rest.length < 2) {
      await ctx.stderr.write(`${localize(ctx.lang, m.tasksetUsage)}\n`);
      return 1;
    }
    const cpus = parse(rest[0]!);
    if (cpus === undefined || !cpus.some((c) => c < ncpu)) {
      await ctx.stderr.write(`${localize(ctx.lang, m.tasksetBadList, { value: rest[0]! })}\n`);
      return 1;
    }
    model.affinity.set(
      ctx.pid,
      cpus.filter((c) => c < ncpu),
    );
    return execCommand(ctx, rest.slice(1));
  },
};

/** cpulist_parse(): "0,2-3", "0-7:2". */
export function parseCpuList(text: string): number[] | undefined {
  const out = new Set<number>();
  for (const part of text.split(",")) {
    const mm = /^([0-9]+)(?:-([0-9]+)(?::([0-9]+))?)?$/.exec(part);
    if (mm === null) return undefined;
    const a = Number(mm[1]);
    const b = mm[2] === undefined ? a : Number(mm[2]);
    const step = mm[3] === undefined ? 1 : Number(mm[3]);
    if (b < a || step < 1 || b > 4095) return undefined;
    for (let c = a; c <= b; c += step) out.add(c);
  }
  return [...out].sort((x, y) => x - y);
}

function parseMask(text: string): number[] | undefined {
  if (!/^(0x)?[0-9a-fA-F]+$/.test(text)) return undefined;
  const v = BigInt(text.startsWith("0x") ? text : `0x${text}`);
  const out: number[] = [];
  for (let c = 0; c < 256; c++) if ((v >> BigInt(c)) & 1n) out.push(c);
  return out;
}

export function formatCpuList(cpus: readonly number[]): string {
  const parts: string[] = [];
  const s = [...cpus].sort((a, b) => a - b);
  for (let i = 0; i < s.length;) {
    let j = i;
    while (j + 1 < s.length && s[j + 1] === s[j]! + 1) j++;
    parts.push(i === j ? `${s[i]!}` : `${s[i]!}-${s[j]!}`);
    i = j + 1;
  }
  return parts.join(",");
}
