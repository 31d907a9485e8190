import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { VirtualClock } from "../core/clock";
import { SysError } from "../core/errno";
import { CgroupHost, type ProcExit } from "./host";
import { dd, stressCpu, stressVm } from "./workloads";

function setup(cpus = 4) {
  const clock = new VirtualClock();
  const host = new CgroupHost({ clock, cpus });
  let pid = 1000;
  const allocPid = () => pid++;
  host.writeFile("", "cgroup.subtree_control", "+cpu +memory +io");
  host.mkdir("job");
  return { clock, host, allocPid };
}

function errno(f: () => void): string | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof SysError) return e.errno;
    throw e;
  }
  return undefined;
}

const kv = (text: string): Record<string, number> =>
  Object.fromEntries(
    text
      .trim()
      .split("\n")
      .map((l) => [l.split(" ")[0]!, Number(l.split(" ")[1])]),
  );

describe("cgroupfs files (cgroup-v2.rst, kernel/sched/core.c)", () => {
  it("fresh cpu files and cpu.max writes", () => {
    const { host } = setup();
    expect(host.readFile("job", "cpu.max")).toBe("max 100000\n");
    expect(host.readFile("job", "cpu.max.burst")).toBe("0\n");
    expect(host.readFile("job", "cpu.weight")).toBe("100\n");
    expect(host.readFile("job", "cpu.weight.nice")).toBe("0\n");
    host.writeFile("job", "cpu.max", "50000 100000");
    host.writeFile("job", "cpu.max", "20000"); // cpu_period_quota_parse keeps the period
    expect(host.readFile("job", "cpu.max")).toBe("20000 100000\n");
    // tg_set_bandwidth(): quota/period under 1 ms, period over 1 s, junk → EINVAL.
    expect(errno(() => host.writeFile("job", "cpu.max", "999 100000"))).toBe("EINVAL");
    expect(errno(() => host.writeFile("job", "cpu.max", "50000 999"))).toBe("EINVAL");
    expect(errno(() => host.writeFile("job", "cpu.max", "50000 1000001"))).toBe("EINVAL");
    expect(errno(() => host.writeFile("job", "cpu.max", "lots"))).toBe("EINVAL");
    expect(errno(() => host.writeFile("job", "cpu.max.burst", "20001"))).toBe("EINVAL");
    host.writeFile("job", "cpu.max", "max");
    expect(host.readFile("job", "cpu.max")).toBe("max 100000\n");
    // cpu_weight_write_u64(): 1..10000 else ERANGE.
    expect(errno(() => host.writeFile("job", "cpu.weight", "0"))).toBe("ERANGE");
    expect(errno(() => host.writeFile("job", "cpu.weight", "10001"))).toBe("ERANGE");
    // nice 5 → sched_prio_to_weight[25] = 335 → cpu.weight round(335*100/1024) = 33.
    host.writeFile("job", "cpu.weight.nice", "5");
    expect(host.readFile("job", "cpu.weight")).toBe("33\n");
    expect(host.readFile("job", "cpu.weight.nice")).toBe("5\n");
    expect(errno(() => host.writeFile("job", "cpu.weight.nice", "20"))).toBe("ERANGE");
    expect(host.readFile("job", "cpu.stat")).toBe(
      "usage_usec 0\nuser_usec 0\nsystem_usec 0\nnr_periods 0\nnr_throttled 0\nthrottled_usec 0\nnr_bursts 0\nburst_usec 0\n",
    );
  });

  it("subtree_control, procs, events and rmdir errors", () => {
    const { host, allocPid } = setup();
    expect(host.readFile("", "cgroup.controllers")).toBe("cpuset cpu io memory hugetlb pids rdma misc\n");
    expect(host.readFile("job", "cgroup.controllers")).toBe("cpu io memory\n");
    expect(errno(() => host.writeFile("job", "cgroup.subtree_control", "+pids"))).toBe("ENOENT");
    expect(errno(() => host.writeFile("job", "cgroup.subtree_control", "+bogus"))).toBe("EINVAL");
    expect(errno(() => host.writeFile("job", "cgroup.subtree_control", "cpu"))).toBe("EINVAL");
    const [p] = stressCpu({ host, allocPid, cgroup: "job", workers: 1 });
    expect(host.readFile("job", "cgroup.procs")).toBe(`${p!.pid}\n`);
    expect(host.readFile("job", "cgroup.events")).toBe("populated 1\nfrozen 0\n");
    // No internal processes: a populated non-root group cannot delegate controllers.
    expect(errno(() => host.writeFile("job", "cgroup.subtree_control", "+cpu"))).toBe("EBUSY");
    expect(errno(() => host.rmdir("job"))).toBe("EBUSY");
    expect(errno(() => host.writeFile("job", "cgroup.procs", "99999"))).toBe("ESRCH");
    host.writeFile("", "cgroup.procs", String(p!.pid));
    expect(host.readFile("job", "cgroup.events")).toBe("populated 0\nfrozen 0\n");
    host.mkdir("job/child");
    expect(errno(() => host.rmdir("job"))).toBe("EBUSY");
    host.rmdir("job/child");
    host.rmdir("job");
    expect(host.exists("job")).toBe(false);
  });

  it("sched_cfs_bandwidth_slice_us sysctl", () => {
    const { host } = setup();
    expect(host.sysctl.get("kernel.sched_cfs_bandwidth_slice_us")).toBe("5000\n");
    expect(errno(() => host.sysctl.set("kernel.sched_cfs_bandwidth_slice_us", "0"))).toBe("EINVAL");
    host.sysctl.set("kernel.sched_cfs_bandwidth_slice_us", "1000");
    expect(host.sysctl.get("kernel.sched_cfs_bandwidth_slice_us")).toBe("1000\n");
  });
});

describe("scheduler: weights and affinity", () => {
  it("cpu.weight 100 vs 300 on one CPU share 25% / 75%", () => {
    const { clock, host, allocPid } = setup(1);
    host.mkdir("b");
    host.writeFile("b", "cpu.weight", "300");
    stressCpu({ host, allocPid, cgroup: "job", workers: 1 });
    stressCpu({ host, allocPid, cgroup: "b", workers: 1 });
    clock.runUntil(1_000_000);
    const a = kv(host.readFile("job", "cpu.stat")).usage_usec!;
    const b = kv(host.readFile("b", "cpu.stat")).usage_usec!;
    // Shares 1024 vs 3072 (sched_weight_from_cgroup): 1/4 and 3/4 of the CPU.
    expect(Math.abs(a / 1_000_000 - 0.25)).toBeLessThan(0.01);
    expect(Math.abs(b / 1_000_000 - 0.75)).toBeLessThan(0.01);
  });

  it("taskset pins: 4 workers on CPU 1 share that CPU, the others idle", () => {
    const { clock, host, allocPid } = setup(4);
    const procs = stressCpu({ host, allocPid, cgroup: "job", workers: 4, affinity: [1] });
    clock.runUntil(1_000_000);
    const snap = host.snapshot();
    for (const t of snap.tasks) expect(t.cpu).toBe(1);
    expect(kv(host.readFile("job", "cpu.stat")).usage_usec).toBe(1_000_000);
    for (const p of procs) expect(Math.round(p.threads[0]!.cpuUs)).toBe(250_000);
  });
});

describe("memory (mm/memcontrol.c)", () => {
  it("limits round down to pages and read back in bytes", () => {
    const { host } = setup();
    host.writeFile("job", "memory.max", "100M");
    expect(host.readFile("job", "memory.max")).toBe(`${100 * 2 ** 20}\n`);
    host.writeFile("job", "memory.high", "5000");
    expect(host.readFile("job", "memory.high")).toBe("4096\n");
    host.writeFile("job", "memory.max", "max");
    expect(host.readFile("job", "memory.max")).toBe("max\n");
    expect(errno(() => host.writeFile("job", "memory.max", "12Q"))).toBe("EINVAL");
    expect(errno(() => host.writeFile("job", "memory.oom.group", "2"))).toBe("EINVAL");
  });

  it("over memory.max with no swap: OOM kill, events in the group and its ancestors", () => {
    const { clock, host, allocPid } = setup();
    host.writeFile("job", "cgroup.subtree_control", "+memory");
    host.mkdir("job/leaf");
    host.writeFile("job/leaf", "memory.max", "256M");
    const exits: ProcExit[] = [];
    stressVm({
      host,
      allocPid,
      cgroup: "job/leaf",
      workers: 1,
      bytes: 512 * 2 ** 20,
      onExit: (e) => exits.push(e),
    });
    clock.runUntil(2_000_000);
    expect(exits).toEqual([{ kind: "killed", signal: 9, reason: "oom" }]);
    const local = kv(host.readFile("job/leaf", "memory.events.local"));
    expect(local.oom).toBe(1);
    expect(local.oom_kill).toBe(1);
    expect(local.max).toBeGreaterThanOrEqual(17); // first failure + MAX_RECLAIM_RETRIES
    const parent = kv(host.readFile("job", "memory.events"));
    expect(parent.oom_kill).toBe(1); // hierarchical
    expect(kv(host.readFile("job", "memory.events.local")).oom_kill).toBe(0);
    expect(host.readFile("job/leaf", "memory.current")).toBe("0\n");
    expect(Number(host.readFile("job/leaf", "memory.peak"))).toBeLessThanOrEqual(256 * 2 ** 20);
  });

  it("page cache is reclaimed, not killed", () => {
    const { clock, host, allocPid } = setup();
    host.writeFile("job", "memory.max", "64M");
    const exits: ProcExit[] = [];
    dd({
      host,
      allocPid,
      cgroup: "job",
      name: "dd",
      device: "sda",
      dir: "write",
      blockBytes: 2 ** 20,
      count: 200,
      direct: false,
      onExit: (e) => exits.push(e),
    });
    clock.runUntil(5_000_000);
    expect(exits).toEqual([{ kind: "exited", code: 0 }]);
    const stat = kv(host.readFile("job", "memory.stat"));
    expect(stat.file).toBeLessThanOrEqual(64 * 2 ** 20);
    expect(stat.file).toBeGreaterThan(60 * 2 ** 20);
    expect(kv(host.readFile("job", "memory.events")).oom_kill).toBe(0);
  });

  it("memory.high slows the allocator with penalty sleeps and never kills", () => {
    const { clock, host, allocPid } = setup();
    host.writeFile("job", "memory.high", "100M");
    const exits: ProcExit[] = [];
    stressVm({
      host,
      allocPid,
      cgroup: "job",
      workers: 1,
      bytes: 200 * 2 ** 20,
      onExit: (e) => exits.push(e),
    });
    clock.runUntil(10_000_000);
    expect(exits).toEqual([]);
    const cur = Number(host.readFile("job", "memory.current"));
    // Unthrottled, 200M takes 0.1 s of CPU; calculate_high_delay() grows with the square of the
    // overage, so after 10 s the group sits only a few percent above high.
    expect(cur).toBeGreaterThan(100 * 2 ** 20);
    expect(cur).toBeLessThan(115 * 2 ** 20);
    expect(kv(host.readFile("job", "memory.events")).high).toBeGreaterThan(0);
    expect(kv(host.readFile("job", "memory.events")).oom_kill).toBe(0);
  });

  it("memory.oom.group kills every process of the group", () => {
    const { clock, host, allocPid } = setup();
    host.writeFile("job", "memory.max", "300M");
    host.writeFile("job", "memory.oom.group", "1");
    const exits: ProcExit[] = [];
    stressVm({
      host,
      allocPid,
      cgroup: "job",
      workers: 3,
      bytes: 128 * 2 ** 20,
      onExit: (e) => exits.push(e),
    });
    clock.runUntil(2_000_000);
    expect(exits.length).toBe(3);
    const ev = kv(host.readFile("job", "memory.events"));
    expect(ev.oom_group_kill).toBe(1);
    expect(ev.oom_kill).toBe(3);
  });

  it("property: memory.current never exceeds memory.max", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 16, max: 512 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 8, max: 300 }),
        (maxMiB, workers, eachMiB) => {
          const { clock, host, allocPid } = setup();
          host.writeFile("job", "memory.max", `${maxMiB}M`);
          let worst = 0;
          host.bus.on("memory.usage", (e) => {
            if (e.group === "/job") worst = Math.max(worst, e.currentBytes);
          });
          stressVm({ host, allocPid, cgroup: "job", workers, bytes: eachMiB * 2 ** 20 });
          clock.runUntil(1_000_000);
          expect(worst).toBeLessThanOrEqual(maxMiB * 2 ** 20);
        },
      ),
      { numRuns: 20 },
    );
  });
});

describe("io (block/blk-throttle.c)", () => {
  it("io.max parse, read back and errors", () => {
    const { host } = setup();
    expect(host.readFile("job", "io.max")).toBe("");
    host.writeFile("job", "io.max", "8:0 wbps=10485760");
    expect(host.readFile("job", "io.max")).toBe("8:0 rbps=max wbps=10485760 riops=max wiops=max\n");
    host.writeFile("job", "io.max", "8:0 riops=100");
    expect(host.readFile("job", "io.max")).toBe("8:0 rbps=max wbps=10485760 riops=100 wiops=max\n");
    expect(errno(() => host.writeFile("job", "io.max", "8:16 rbps=1000"))).toBe("ENODEV");
    expect(errno(() => host.writeFile("job", "io.max", "8:0 foo=1"))).toBe("EINVAL");
    expect(errno(() => host.writeFile("job", "io.max", "8:0 rbps=0"))).toBe("ERANGE");
    host.writeFile("job", "io.max", "8:0 wbps=max riops=max");
    expect(host.readFile("job", "io.max")).toBe("");
    expect(host.readFile("job", "io.weight")).toBe("default 100\n");
    expect(errno(() => host.writeFile("job", "io.weight", "0"))).toBe("EINVAL");
  });

  it("dd 100 MiB direct with wbps=10 MiB/s takes ~10 s; io.stat counts it", () => {
    const { clock, host, allocPid } = setup();
    host.writeFile("job", "io.max", "8:0 wbps=10485760");
    let doneAt = 0;
    dd({
      host,
      allocPid,
      cgroup: "job",
      name: "dd",
      device: "sda",
      dir: "write",
      blockBytes: 2 ** 20,
      count: 100,
      direct: true,
      onExit: () => (doneAt = clock.nowUs),
    });
    clock.runUntil(30_000_000);
    // blk-throttle grants a slice (100 ms) of budget up front and then 10 MiB/s: the last of
    // 100 blocks dispatches near 9.9 s; slice rounding can add up to one slice.
    expect(doneAt).toBeGreaterThan(9_700_000);
    expect(doneAt).toBeLessThan(10_300_000);
    expect(host.readFile("job", "io.stat")).toBe(
      `8:0 rbytes=0 wbytes=${100 * 2 ** 20} rios=0 wios=100 dbytes=0 dios=0\n`,
    );
  });

  it("riops limit: 200 reads of 4 KiB at riops=100 take ~2 s", () => {
    const { clock, host, allocPid } = setup();
    host.writeFile("job", "io.max", "8:0 riops=100");
    let doneAt = 0;
    dd({
      host,
      allocPid,
      cgroup: "job",
      name: "dd",
      device: "sda",
      dir: "read",
      blockBytes: 4096,
      count: 200,
      direct: true,
      onExit: () => (doneAt = clock.nowUs),
    });
    clock.runUntil(30_000_000);
    expect(doneAt).toBeGreaterThan(1_800_000);
    expect(doneAt).toBeLessThan(2_200_000);
  });
});
