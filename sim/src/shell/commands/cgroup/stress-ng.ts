import type { CommandSpec } from "../../command";
import { localize } from "../../../i18n/catalog";
import { cgroupMessages as m } from "../../../i18n/cgroup";
import { stressCpu, stressVm } from "../../../cgroup/workloads";
import type { Proc } from "../../../cgroup/host";
import { getopt } from "../../getopt";
import { modelOrFail } from "./exec";

/**
 * stress-ng (ColinIanKing/stress-ng): --cpu N hogs (stress-cpu.c, --cpu-load
 * P), --vm N workers of --vm-bytes each (stress-vm.c), --timeout T. Its info
 * lines go to stdout as pr_inf does: "stress-ng: info:  [PID] ...". A vm
 * stressor runs inside stress_oomable_child(): when the OOM killer takes the
 * child, the stressor forks it again ("assuming killed by OOM killer,
 * restarting again", a debug line not shown without -v) until the timeout.
 */
export const stressNg: CommandSpec = {
  name: "stress-ng",
  synopsis: "stress-ng [--cpu N [--cpu-load P]] [--vm N --vm-bytes SIZE] [--timeout T]",
  summary: {
    en: "Load the CPUs and memory with worker processes (simulated stressors).",
    ko: "워커 프로세스로 CPU와 메모리에 부하를 겁니다 (시뮬레이션된 스트레서).",
  },
  options: [
    {
      flags: "-c N, --cpu N",
      help: {
        en: "start N CPU workers (0: one per online CPU)",
        ko: "CPU 워커 N개 시작 (0이면 온라인 CPU마다 하나)",
      },
    },
    {
      flags: "-l P, --cpu-load P",
      help: { en: "load each CPU worker to P percent", ko: "CPU 워커마다 P퍼센트로 부하" },
    },
    {
      flags: "-m N, --vm N",
      help: {
        en: "start N workers that allocate and touch memory",
        ko: "메모리를 할당하고 건드리는 워커 N개 시작",
      },
    },
    {
      flags: "--vm-bytes SIZE",
      help: {
        en: "memory per vm worker (K, M, G suffixes; default 256M)",
        ko: "vm 워커마다 쓸 메모리 (K, M, G 접미사, 기본 256M)",
      },
    },
    {
      flags: "-t T, --timeout T",
      help: { en: "stop after T seconds (s, m, h, d suffixes)", ko: "T초 뒤에 멈춤 (s, m, h, d 접미사)" },
    },
  ],
  async run(ctx) {
    const parsed = await getopt(ctx, {
      withArg: "clmt",
      long: {
        cpu: { key: "c", arg: true },
        "cpu-load": { key: "l", arg: true },
        vm: { key: "m", arg: true },
        "vm-bytes": { key: "vm-bytes", arg: true },
        timeout: { key: "t", arg: true },
      },
    });
    if (typeof parsed === "number") return parsed;
    const model = await modelOrFail(ctx);
    if (model === undefined) return 1;
    const last = (k: string): string | undefined => parsed.opts.get(k)?.at(-1);
    const bad = async (option: string, value: string): Promise<number> => {
      await ctx.stderr.write(`${localize(ctx.lang, m.badValue, { name: "stress-ng", option, value })}\n`);
      return 1;
    };
    const int = (text: string | undefined, min: number, max: number): number | undefined => {
      if (text === undefined) return 0;
      if (!/^[0-9]+$/.test(text)) return undefined;
      const n = Number(text);
      return n < min || n > max ? undefined : n;
    };
    const cpuArg = last("c");
    let cpus = int(cpuArg, 0, 4096);
    if (cpus === undefined) return bad("--cpu", cpuArg!);
    if (cpuArg !== undefined && cpus === 0) cpus = ctx.host.config.cpus; // 0: online CPUs
    const loadArg = last("l");
    const load = loadArg === undefined ? 100 : int(loadArg, 0, 100);
    if (load === undefined) return bad("--cpu-load", loadArg!);
    const vmArg = last("m");
    let vms = int(vmArg, 0, 4096);
    if (vms === undefined) return bad("--vm", vmArg!);
    if (vmArg !== undefined && vms === 0) vms = ctx.host.config.cpus;
    const bytesArg = last("vm-bytes");
    const vmBytes =
      bytesArg === undefined ? 256 * 2 ** 20 : parseStressSize(bytesArg, ctx.host.config.memoryBytes);
    if (vmBytes === undefined) return bad("--vm-bytes", bytesArg!);
    const timeoutArg = last("t");
    const timeoutS = timeoutArg === undefined ? 86400 : parseStressTime(timeoutArg);
    if (timeoutS === undefined) return bad("--timeout", timeoutArg!);
    if (parsed.operands.length > 0) {
      await ctx.stderr.write(
        `${ctx.t("cmd.unrecognizedOption", { name: "stress-ng", option: parsed.operands[0]! })}\n`,
      );
      return 1;
    }
    const info = (text: string): Promise<void> =>
      ctx.stdout.write(`stress-ng: info:  [${ctx.pid}] ${text}\n`);
    const runText = `${timeoutArg === undefined ? "defaulting" : "setting"} to a ${durationText(timeoutS)} run per stressor`;
    if (cpus + vms === 0) {
      await info(runText);
      await ctx.stderr.write(`stress-ng: error: [${ctx.pid}] ${localize(ctx.lang, m.stressNoWorkers)}\n`);
      return 1;
    }
    await info(runText);
    // Stressors in the order the command line names them: "dispatching hogs: 1 vm, 4 cpu".
    const vmFirst =
      vms > 0 &&
      (cpus === 0 ||
        ctx.argv.findIndex((a) => /^(-m|--vm)(=|$)/.test(a)) <
          ctx.argv.findIndex((a) => /^(-c|--cpu)(=|$)/.test(a)));
    const ordered = (cpu: string, vm: string): string[] =>
      (vmFirst ? [vm, cpu] : [cpu, vm]).filter((x) => x !== "");
    const hogs = ordered(cpus > 0 ? `${cpus} cpu` : "", vms > 0 ? `${vms} vm` : "");
    await info(`dispatching hogs: ${hogs.join(", ")}`);
    const startUs = ctx.host.clock.nowUs;
    const deadlineUs = startUs + timeoutS * 1e6;
    const common = { loadPercent: load };
    const { interrupted } = await model.runWorkers(
      ctx,
      "stress-ng",
      (c, restarted) => {
        // stress_oomable_child(): the OOM-killed vm child is forked again.
        if (restarted) return stressVm({ ...c, name: "stress-ng-vm", workers: 1, bytes: vmBytes });
        const procs: Proc[] = [];
        if (cpus > 0)
          procs.push(
            ...stressCpu({ ...c, name: "stress-ng-cpu", workers: cpus, ...(load < 100 ? common : {}) }),
          );
        if (vms > 0) procs.push(...stressVm({ ...c, name: "stress-ng-vm", workers: vms, bytes: vmBytes }));
        return procs;
      },
      {
        deadlineUs,
        restart: (exit) =>
          exit.kind === "killed" && exit.reason === "oom" && ctx.host.clock.nowUs < deadlineUs && vms > 0,
      },
    );
    if (interrupted) return 130;
    const n = cpus + vms;
    const passed = ordered(cpus > 0 ? `cpu (${cpus})` : "", vms > 0 ? `vm (${vms})` : "");
    await info("skipped: 0");
    await info(`passed: ${n}: ${passed.join(" ")}`);
    await info("failed: 0");
    await info("metrics untrustworthy: 0");
    await info(`successful run completed in ${durationText((ctx.host.clock.nowUs - startUs) / 1e6, true)}`);
    return 0;
  },
};

/** stress_get_uint64_time(): a number with an optional s, m, h, d or y suffix, in seconds. */
export function parseStressTime(text: string): number | undefined {
  const mm = /^([0-9]+(?:\.[0-9]+)?)([smhdy]?)$/.exec(text);
  if (mm === null) return undefined;
  const scale = { "": 1, s: 1, m: 60, h: 3600, d: 86400, y: 31556926 }[mm[2]!] ?? 1;
  return Number(mm[1]) * scale;
}

/** stress_get_uint64_byte_memory(): K/M/G (base 1024, either case) or a percentage of RAM. */
export function parseStressSize(text: string, ramBytes: number): number | undefined {
  const pct = /^([0-9]+(?:\.[0-9]+)?)%$/.exec(text);
  if (pct !== null) return Math.floor((ramBytes * Number(pct[1])) / 100);
  const mm = /^([0-9]+)([bkmgtBKMGT]?)$/.exec(text);
  if (mm === null) return undefined;
  const shift = { "": 0, b: 0, k: 10, m: 20, g: 30, t: 40 }[mm[2]!.toLowerCase()] ?? 0;
  const v = Number(mm[1]) * 2 ** shift;
  return v === 0 ? undefined : v;
}

/**
 * stress_duration_to_str(): "1 secs", "10 mins", "1 day" for the run length
 * (zero seconds dropped after a larger unit); the completion time always has
 * the seconds with two decimals: "1.00 secs", "1 min, 0.09 secs".
 */
export function durationText(totalS: number, fraction = false): string {
  let s = totalS;
  const parts: string[] = [];
  for (const [unit, len] of [
    ["day", 86400],
    ["hour", 3600],
    ["min", 60],
  ] as const) {
    if (s >= len) {
      const n = Math.floor(s / len);
      parts.push(`${n} ${unit}${n > 1 ? "s" : ""}`);
      s -= n * len;
    }
  }
  if (fraction) parts.push(`${s.toFixed(2)} secs`);
  else if (s > 0 || parts.length === 0) parts.push(`${Number.isInteger(s) ? s : s.toFixed(2)} secs`);
  return parts.join(", ");
}
