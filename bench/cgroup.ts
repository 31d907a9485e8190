import { VirtualClock } from "../sim/src/core/clock";
import { Scheduler } from "../sim/src/sched/scheduler";

/**
 * 60 s of 64 CPUs × 256 busy threads in one group limited to 32 CPUs
 * (cpu.max "3200000 100000"): the cost of CFS bandwidth control in the model.
 */
export function benchCgroup(): Promise<{ name: string; value: number; unit: string }[]> {
  const clock = new VirtualClock();
  const sched = new Scheduler({ clock, cpus: 64 });
  const group = sched.createGroup("/bench", sched.root);
  sched.setBandwidth(group, { quotaUs: 3_200_000, periodUs: 100_000, burstUs: 0 });
  const busy = { next: () => ({ kind: "run" as const, cpuUs: Infinity }) };
  const start = performance.now();
  for (let i = 0; i < 256; i++)
    sched.spawn({ pid: 1000 + i, tid: 1000 + i, name: "stress-ng", behaviour: busy }, group);
  clock.runUntil(60_000_000);
  sched.sync();
  const ms = performance.now() - start;
  return Promise.resolve([
    {
      name: "cgroup: 60 s, 64 CPUs, 256 threads, throttled group",
      value: Math.round(ms * 10) / 10,
      unit: "ms",
    },
    { name: "cgroup: simulated usage (expect 1920 s)", value: Math.round(group.usageUs / 1e6), unit: "s" },
    { name: "cgroup: nr_throttled (expect 600)", value: group.nrThrottled, unit: "periods" },
  ]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await benchCgroup()) console.log(`${r.name}: ${r.value} ${r.unit}`);
}
