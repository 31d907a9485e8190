import { describe, expect, it } from "vitest";
import { VirtualClock } from "@vmlab/sim/core/clock";
import { CgroupHost } from "@vmlab/sim/cgroup/host";
import { stressCpu, stressVm } from "@vmlab/sim/cgroup/workloads";
import { TimelineRecorder, fill, mib, ms } from "./timeline";

const kv = (text: string): Record<string, number> =>
  Object.fromEntries(
    text
      .trim()
      .split("\n")
      .map((l) => [l.split(" ")[0]!, Number(l.split(" ")[1])]),
  );

function setup(cpus = 4) {
  const clock = new VirtualClock();
  const host = new CgroupHost({ clock, cpus });
  let pid = 1000;
  const allocPid = () => pid++;
  host.writeFile("", "cgroup.subtree_control", "+cpu +memory +io");
  host.mkdir("demo");
  const rec = new TimelineRecorder(cpus);
  rec.attach(host.bus);
  return { clock, host, allocPid, rec };
}

describe("the timeline agrees with cpu.stat (the model's own counters)", () => {
  it("issue's worked check: 4 busy threads, cpu.max 50000 100000, 1 s on 4 CPUs", () => {
    const { clock, host, allocPid, rec } = setup();
    host.writeFile("demo", "cpu.max", "50000 100000");
    stressCpu({ host, allocPid, cgroup: "demo", workers: 4, timeoutUs: 1_000_000 });
    clock.runUntil(1_000_000);
    const stat = kv(host.readFile("demo", "cpu.stat"));
    const view = rec.view(clock.nowUs);
    expect(view.group).toBe("/demo");
    // sched-bwc.rst: the group gets 50 ms per 100 ms period, so each of the 10 periods of 1 s
    // ends with throttled queues; the picture must show the same 10 periods cpu.stat counts.
    expect(view.totals.periods).toBe(stat.nr_periods);
    expect(view.totals.throttledPeriods).toBe(stat.nr_throttled);
    expect(view.totals.periods).toBe(10);
    // Usage per period is what the model reported: the sum is cpu.stat's usage (50 ms × 10).
    expect(Math.abs(view.totals.usageUs - stat.usage_usec!)).toBeLessThanOrEqual(10);
    // Throttled time summed over CPUs, from the segments: ≈ throttled_usec (≈ 4 × 1 s − 0.5 s).
    expect(Math.abs(view.totals.throttledUs - stat.throttled_usec!)).toBeLessThan(
      stat.throttled_usec! * 0.02,
    );
    expect(view.totals.throttledUs).toBeGreaterThan(3_000_000);
    for (const p of view.periods) {
      expect(p.throttled).toBe(true);
      expect(p.throttledCpus).toBe(4);
      expect(p.usageUs).toBeLessThanOrEqual(p.quotaUs + 1);
    }
    // Every CPU lane shows both running and throttled time inside the window.
    for (const lane of view.lanes) {
      expect(lane.spans.some((s) => s.state === "running")).toBe(true);
      expect(lane.spans.some((s) => s.state === "throttled" && s.throttledGroups.includes("/demo"))).toBe(
        true,
      );
    }
  });

  it("keeps a bounded window: a 30 s run leaves only recent spans and periods", () => {
    const { clock, host, allocPid, rec } = setup();
    host.writeFile("demo", "cpu.max", "50000 100000");
    stressCpu({ host, allocPid, cgroup: "demo", workers: 4, timeoutUs: 30_000_000 });
    clock.runUntil(30_000_000);
    const view = rec.view(clock.nowUs);
    expect(view.startUs).toBe(29_000_000);
    expect(view.totals.periods).toBe(10);
    for (const lane of view.lanes)
      for (const s of lane.spans) expect(s.startUs).toBeGreaterThanOrEqual(29_000_000);
  });

  it("without a quota there are no periods and the CPUs only run", () => {
    const { clock, host, allocPid, rec } = setup();
    stressCpu({ host, allocPid, cgroup: "demo", workers: 2, timeoutUs: 500_000 });
    clock.runUntil(300_000);
    // Mid-run, a busy CPU without decision points has reported nothing yet: what runs now fills in.
    const running = (cpu: number) =>
      host.sched.cpus[cpu]!.tasks.filter((t) => t.rate > 0).map((t) => t.group.path);
    const mid = rec.view(clock.nowUs, running);
    expect(mid.lanes.filter((l) => l.spans.some((s) => s.state === "running")).length).toBe(2);
    clock.runUntil(600_000);
    const view = rec.view(clock.nowUs);
    expect(view.group).toBeUndefined();
    expect(view.periods).toEqual([]);
    const states = new Set(view.lanes.flatMap((l) => l.spans.map((s) => s.state)));
    expect(states.has("throttled")).toBe(false);
  });

  it("memory: usage against memory.max, then the OOM kill", () => {
    const { clock, host, allocPid, rec } = setup();
    host.writeFile("demo", "memory.max", "64M");
    stressVm({ host, allocPid, cgroup: "demo", workers: 1, bytes: 128 * 2 ** 20 });
    clock.runUntil(500_000);
    const view = rec.view(clock.nowUs);
    expect(view.memory?.group).toBe("/demo");
    expect(view.memory?.maxBytes).toBe(64 * 2 ** 20);
    // memory.current never passes memory.max: the peak the picture shows stays under the limit.
    expect(view.memory!.peakBytes).toBeLessThanOrEqual(64 * 2 ** 20);
    expect(view.memory!.peakBytes).toBeGreaterThan(32 * 2 ** 20);
    expect(view.ooms.length).toBe(kv(host.readFile("demo", "memory.events")).oom_kill);
    expect(view.ooms[0]?.group).toBe("/demo");
  });

  it("starts empty", () => {
    expect(new TimelineRecorder(4).view(0).empty).toBe(true);
  });
});

describe("label helpers", () => {
  it("fills templates and formats units", () => {
    expect(fill("period {n}: {t} ms", { n: 7, t: "85" })).toBe("period 7: 85 ms");
    expect(fill("{missing}", {})).toBe("{missing}");
    expect(ms(85_000)).toBe("85");
    expect(ms(2_500)).toBe("2.5");
    expect(mib(64 * 2 ** 20)).toBe("64");
  });
});
