import { describe, expect, it } from "vitest";
import type { Pacer } from "../../../core/pacer";
import { testLab } from "../../testing";
import { cpuSharesToWeight } from "./docker";
import { formatG } from "./dd";
import { durationText, parseStressTime } from "./stress-ng";
import { formatCpuList, parseCpuList } from "./taskset";

const cg = "/sys/fs/cgroup";

function keyed(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of text.trim().split("\n")) {
    const [k, v] = line.split(" ");
    out[k!] = Number(v);
  }
  return out;
}

/** Moves one simulated 100 ms per step and yields between steps, like the page's frames. */
const stepping: Pacer = {
  async advance(clock, untilUs, stop) {
    while (clock.nowUs < untilUs) {
      await new Promise((resolve) => setImmediate(resolve));
      if (stop()) return false;
      if (!clock.runUntil(Math.min(untilUs, clock.nowUs + 100_000), stop)) return false;
    }
    return true;
  },
};

describe("cgroupfs through the shell", () => {
  it("the issue's worked check: 4 hogs under cpu.max 50000 100000 for 1 s", async () => {
    const { run } = testLab({ scenario: "cgroup" });
    expect((await run(`mkdir ${cg}/demo`)).status).toBe(0);
    expect((await run(`cat ${cg}/demo/cpu.max`)).out).toBe("max 100000\n");
    expect((await run(`echo "50000 100000" > ${cg}/demo/cpu.max`)).status).toBe(0);
    const r = await run("cgexec -g cpu:/demo stress-ng --cpu 4 --timeout 1");
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/^stress-ng: info: {2}\[(\d+)\] setting to a 1 secs run per stressor\n/);
    expect(r.out).toContain("] dispatching hogs: 4 cpu\n");
    expect(r.out).toMatch(/\] successful run completed in 1\.00 secs\n$/);
    const s = keyed((await run(`cat ${cg}/demo/cpu.stat`)).out);
    // 10 periods of 100 ms with 50 ms of runtime each: 500 ms of CPU (a slice of slack at most per CPU).
    expect(s.usage_usec).toBeGreaterThanOrEqual(495_000);
    expect(s.usage_usec).toBeLessThanOrEqual(500_000 + 4 * 5_000);
    expect(s.nr_periods).toBe(10);
    expect(s.nr_throttled).toBe(10);
    // Each period: 4 CPUs × 100 ms of wall time, 50 ms of it running → ≈ 350 ms throttled, × 10.
    expect(s.throttled_usec).toBeGreaterThan(3_300_000);
    expect(s.throttled_usec).toBeLessThan(3_700_000);
    // The hogs exited; the group is empty again.
    expect((await run(`cat ${cg}/demo/cgroup.procs`)).out).toBe("");
  });

  it("kernel errno through the shell: ERANGE, EINVAL, EBUSY", async () => {
    const { run } = testLab({ scenario: "cgroup" });
    await run(`mkdir ${cg}/demo`);
    let r = await run(`echo 0 > ${cg}/demo/cpu.weight`);
    expect(r).toEqual({ out: "bash: echo: write error: Numerical result out of range\n", status: 1 });
    r = await run(`echo "500 100000" > ${cg}/demo/cpu.max`);
    expect(r).toEqual({ out: "bash: echo: write error: Invalid argument\n", status: 1 });
    expect((await run(`echo 10000 > ${cg}/demo/cpu.weight; cat ${cg}/demo/cpu.weight`)).out).toBe("10000\n");
    expect((await run(`echo hello > ${cg}/demo/cpu.stat`)).status).toBe(1);
    expect((await run(`echo $$ > ${cg}/demo/cgroup.procs`)).status).toBe(0);
    r = await run(`rmdir ${cg}/demo`);
    expect(r).toEqual({ out: `rmdir: failed to remove '${cg}/demo': Device or resource busy\n`, status: 1 });
    expect((await run(`echo $$ > ${cg}/cgroup.procs && rmdir ${cg}/demo`)).status).toBe(0);
    expect((await run(`ls ${cg}`)).out).not.toContain("demo");
  });

  it("sched_cfs_bandwidth_slice_us is a sysctl", async () => {
    const { run } = testLab({ scenario: "cgroup" });
    expect((await run("cat /proc/sys/kernel/sched_cfs_bandwidth_slice_us")).out).toBe("5000\n");
    expect((await run("echo 1000 > /proc/sys/kernel/sched_cfs_bandwidth_slice_us")).status).toBe(0);
    expect((await run("cat /proc/sys/kernel/sched_cfs_bandwidth_slice_us")).out).toBe("1000\n");
    expect((await run("echo 0 > /proc/sys/kernel/sched_cfs_bandwidth_slice_us")).status).toBe(1);
  });

  it("echo $$ > cgroup.procs moves the shell; /proc/<pid>/cgroup and children follow", async () => {
    const { run, lab } = testLab({ scenario: "cgroup" });
    expect((await run("cat /proc/self/cgroup")).out).toBe("0::/user.slice/user-0.slice/session-1.scope\n");
    await run(`mkdir ${cg}/box && echo $$ > ${cg}/box/cgroup.procs`);
    expect((await run(`cat /proc/${lab.shell.pid}/cgroup`)).out).toBe("0::/box\n");
    // cat is a child of the shell: it starts in /box too.
    expect((await run("cat /proc/self/cgroup")).out).toBe("0::/box\n");
    const procs = (await run(`cat ${cg}/box/cgroup.procs`)).out.trim().split("\n").map(Number);
    expect(procs[0]).toBe(lab.shell.pid);
    expect(procs).toHaveLength(2); // the shell and the cat reading the file
    expect((await run(`echo 999999 > ${cg}/box/cgroup.procs`)).out).toBe(
      "bash: echo: write error: No such process\n",
    );
  });
});

describe("stress-ng", () => {
  it("workers share the host's process table: ps shows them, kill ends one, the group's usage stays consistent", async () => {
    const { run } = testLab({ scenario: "cgroup" });
    await run(`mkdir ${cg}/w && echo $$ > ${cg}/w/cgroup.procs`);
    const bg = await run("stress-ng --cpu 2 --timeout 10 &");
    const parent = Number(/^\[1\] (\d+)/.exec(bg.out)![1]);
    await run("sleep 1");
    const ps = (await run("ps -e")).out;
    const workers = ps
      .split("\n")
      .filter((l) => l.endsWith("stress-ng-cpu"))
      .map((l) => Number(l.trim().split(/\s+/)[0]));
    expect(workers).toHaveLength(2);
    expect(workers.every((p) => p > parent)).toBe(true);
    // Each worker had one CPU for 1 s: ps TIME 00:00:01.
    expect(ps).toMatch(/00:00:01 stress-ng-cpu/);
    expect((await run(`kill ${workers[0]!}`)).status).toBe(0);
    await run("sleep 1");
    expect((await run("ps -e")).out.split("\n").filter((l) => l.endsWith("stress-ng-cpu"))).toHaveLength(1);
    // 1 s × 2 workers + 1 s × 1 worker = 3 s of CPU.
    const s = keyed((await run(`cat ${cg}/w/cpu.stat`)).out);
    expect(s.usage_usec).toBe(3_000_000);
    await run("kill %1");
    await run("sleep 0.1");
    expect((await run("ps -e")).out).not.toContain("stress-ng");
  });

  it("Ctrl-C during a throttled run stops at that instant with cpu.stat consistent", async () => {
    const { run, lab } = testLab({ scenario: "cgroup", pacer: stepping });
    await run(`mkdir ${cg}/demo && echo "50000 100000" > ${cg}/demo/cpu.max`);
    const pending = run("cgexec -g cpu:/demo stress-ng --cpu 4 --timeout 10");
    while (lab.host.clock.nowUs < 2_000_000) await new Promise((resolve) => setImmediate(resolve));
    lab.shell.interrupt();
    const r = await pending;
    expect(r.status).toBe(130);
    expect(r.out).not.toContain("successful run completed");
    const stopped = lab.host.clock.nowUs;
    expect(stopped).toBeLessThan(3_000_000);
    const s = keyed((await run(`cat ${cg}/demo/cpu.stat`)).out);
    const periods = Math.floor(stopped / 100_000);
    // Never more than quota per elapsed period (+ the current one) and nr_throttled ≤ nr_periods.
    expect(s.usage_usec).toBeLessThanOrEqual((periods + 1) * 50_000 + 4 * 5_000);
    expect(s.usage_usec).toBeGreaterThanOrEqual((periods - 1) * 50_000);
    expect(s.nr_throttled).toBeLessThanOrEqual(s.nr_periods!);
    expect((await run(`cat ${cg}/demo/cgroup.procs`)).out).toBe("");
    expect((await run("ps -e")).out).not.toContain("stress-ng");
  });

  it("vm workers over memory.max are OOM-killed and restarted by stress-ng; the events count each kill", async () => {
    const { run } = testLab({ scenario: "cgroup" });
    await run(`mkdir ${cg}/mem && echo 64M > ${cg}/mem/memory.max`);
    expect((await run(`cat ${cg}/mem/memory.max`)).out).toBe(`${64 * 2 ** 20}\n`);
    const r = await run("cgexec -g memory:/mem stress-ng --vm 1 --vm-bytes 128M --timeout 5");
    // stress_oomable_child(): the parent survives and the run completes.
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/successful run completed in 5\.00 secs\n$/);
    const ev = keyed((await run(`cat ${cg}/mem/memory.events`)).out);
    expect(ev.oom_kill).toBeGreaterThan(1);
    expect(ev.oom).toBe(ev.oom_kill);
    expect(ev.max).toBeGreaterThan(ev.oom_kill!);
    expect(ev.oom_group_kill).toBe(0);
    expect(Number((await run(`cat ${cg}/mem/memory.peak`)).out)).toBeLessThanOrEqual(64 * 2 ** 20);
    // No child groups: the local counters equal the hierarchical ones.
    expect(keyed((await run(`cat ${cg}/mem/memory.events.local`)).out).oom_kill).toBe(ev.oom_kill);
  });

  it("memory.oom.group kills the whole group: the foreground command prints Killed, $? = 137", async () => {
    const { run } = testLab({ scenario: "cgroup" });
    await run(`mkdir ${cg}/mem && echo 64M > ${cg}/mem/memory.max && echo 1 > ${cg}/mem/memory.oom.group`);
    const r = await run("cgexec -g memory:/mem stress-ng --vm 1 --vm-bytes 128M --timeout 5");
    expect(r.status).toBe(137);
    expect(r.out).toMatch(/Killed\n$/);
    expect((await run("echo $?")).out).toBe("137\n");
    const ev = keyed((await run(`cat ${cg}/mem/memory.events`)).out);
    expect(ev.oom_group_kill).toBe(1);
    expect(ev.oom_kill).toBe(2); // the vm worker and stress-ng itself
    expect((await run(`cat ${cg}/mem/cgroup.procs`)).out).toBe("");
  });

  it("bad arguments", async () => {
    const { run } = testLab({ scenario: "cgroup" });
    expect(await run("stress-ng --cpu abc")).toEqual({
      out: "stress-ng: invalid value for --cpu: 'abc'\n",
      status: 1,
    });
    expect((await run("stress-ng --bogus 1")).status).toBe(1);
    const none = await run("stress-ng --timeout 1");
    expect(none.status).toBe(1);
    expect(none.out).toMatch(/stress-ng: error: \[\d+\] No stress workers invoked\n$/);
    expect((await run("stress-ng --vm 1 --vm-bytes lots")).status).toBe(1);
    // Stressors in command-line order, as stress-ng lists them.
    const both = await run("stress-ng --vm 1 --vm-bytes 1M --cpu 2 --timeout 1");
    expect(both.out).toContain("] dispatching hogs: 1 vm, 2 cpu\n");
    expect(both.out).toContain("] passed: 3: vm (1) cpu (2)\n");
  });

  it("duration texts and time suffixes as stress-ng prints and parses them", () => {
    expect(durationText(1)).toBe("1 secs");
    expect(durationText(600)).toBe("10 mins");
    expect(durationText(86400)).toBe("1 day");
    expect(durationText(60.09, true)).toBe("1 min, 0.09 secs");
    expect(durationText(1, true)).toBe("1.00 secs");
    expect(parseStressTime("2m")).toBe(120);
    expect(parseStressTime("x")).toBeUndefined();
  });
});

describe("cgexec", () => {
  it("usage errors and a missing group", async () => {
    const { run } = testLab({ scenario: "cgroup" });
    expect((await run("cgexec")).status).toBe(255);
    expect((await run("cgexec -g cpu:/nope sleep 1")).out).toBe("cgroup change of group failed\n");
    expect((await run("cgexec -g cpu:/nope sleep 1")).status).toBe(82);
    expect((await run("cgexec -g bogus:/ sleep 1")).status).toBe(255);
    expect((await run("cgexec -g cpu:/ nosuchcmd")).status).toBe(127);
  });
});

describe("dd and io.max", () => {
  it("a direct write under io.max wbps=10 MiB/s takes 10 s of simulated time", async () => {
    const { run } = testLab({ scenario: "cgroup" });
    expect((await run("lsblk")).out).toContain("sda        8:0  0  64G  0 disk");
    await run(`mkdir ${cg}/io && echo "8:0 wbps=10485760" > ${cg}/io/io.max`);
    expect((await run(`cat ${cg}/io/io.max`)).out).toBe("8:0 rbps=max wbps=10485760 riops=max wiops=max\n");
    const before = Number((await run("date +%s.%N")).out);
    const r = await run(`cgexec -g io:/io dd if=/dev/zero of=/dev/sda bs=1M count=100 oflag=direct`);
    const after = Number((await run("date +%s.%N")).out);
    expect(r.status).toBe(0);
    const lines = r.out.split("\n");
    expect(lines[0]).toBe("100+0 records in");
    expect(lines[1]).toBe("100+0 records out");
    // 100 MiB at 10 MiB/s = 10 s (+ the device's service time of the last request).
    expect(lines[2]).toMatch(/^104857600 bytes \(105 MB, 100 MiB\) copied, 10\.0\d* s, 10\.5 MB\/s$/);
    expect(after - before).toBeGreaterThanOrEqual(9.9);
    expect(after - before).toBeLessThan(10.1);
    expect((await run(`cat ${cg}/io/io.stat`)).out).toBe(
      "8:0 rbytes=0 wbytes=104857600 rios=0 wios=100 dbytes=0 dios=0\n",
    );
  });

  it("bad operands", async () => {
    const { run } = testLab({ scenario: "cgroup" });
    const r = await run("dd foo=bar");
    expect(r.status).toBe(1);
    expect(r.out).toContain("dd: unrecognized operand 'foo=bar'");
    expect((await run("dd if=/dev/zero of=/dev/null bs=x")).out).toBe("dd: invalid number: 'x'\n");
    expect((await run("dd if=/dev/zero of=/dev/null count=1 iflag=bogus")).status).toBe(1);
    expect((await run("dd if=/nonexistent of=/dev/null")).out).toBe(
      "dd: failed to open '/nonexistent': No such file or directory\n",
    );
  });

  it("formats seconds like C's %g", () => {
    expect(formatG(10)).toBe("10");
    expect(formatG(10.002149)).toBe("10.0021");
    expect(formatG(0.00005)).toBe("5e-05");
  });
});

describe("docker run", () => {
  it("writes what runc writes on cgroup v2 and runs the command in its own cgroup namespace", async () => {
    const { run } = testLab({ scenario: "cgroup" });
    const r = await run(
      "docker run --rm --cpus 0.5 --memory 256m --cpu-shares 512 --device-write-bps /dev/sda:1mb alpine " +
        "cat /sys/fs/cgroup/cpu.max /sys/fs/cgroup/memory.max /sys/fs/cgroup/cpu.weight /sys/fs/cgroup/io.max /proc/self/cgroup",
    );
    expect(r.status).toBe(0);
    // cpus 0.5 → quota 50000 of period 100000; 256m = 268435456; shares 512 → 1 + 510×9999/262142 = 20.
    expect(r.out).toBe("50000 100000\n268435456\n20\n8:0 rbps=max wbps=1048576 riops=max wiops=max\n0::/\n");
  });

  it("-d prints the id; the scope exists while the container runs and goes when it stops", async () => {
    const { run } = testLab({ scenario: "cgroup" });
    const r = await run("docker run -d --cpus 1 alpine stress-ng --cpu 2 --timeout 3");
    const id = r.out.trim();
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    const scope = `${cg}/system.slice/docker-${id}.scope`;
    expect((await run(`cat ${scope}/cpu.max`)).out).toBe("100000 100000\n");
    await run("sleep 1");
    // Two hogs under one CPU of quota: about 1 s of CPU in the first second.
    const s = keyed((await run(`cat ${scope}/cpu.stat`)).out);
    expect(s.usage_usec).toBeGreaterThanOrEqual(990_000);
    expect(s.usage_usec).toBeLessThanOrEqual(1_010_000);
    expect(s.nr_throttled).toBeGreaterThan(0);
    await run("sleep 3");
    expect((await run("ls /sys/fs/cgroup/system.slice")).out).not.toContain("docker-");
  });

  it("cpu-shares → cpu.weight is runc's formula", () => {
    expect(cpuSharesToWeight(2)).toBe(1);
    expect(cpuSharesToWeight(1024)).toBe(39);
    expect(cpuSharesToWeight(262144)).toBe(10000);
  });

  it("bad arguments", async () => {
    const { run } = testLab({ scenario: "cgroup" });
    expect((await run("docker run --cpus 8 alpine true")).out).toBe(
      "docker: Error response from daemon: Range of CPUs is from 0.01 to 4.00, as there are only 4 CPUs available.\n",
    );
    expect((await run("docker run --cpus 8 alpine true")).status).toBe(125);
    expect((await run("docker run --bogus alpine")).status).toBe(125);
    expect((await run("docker run")).status).toBe(125);
    expect((await run("docker run -m 1m alpine sleep 1")).status).toBe(125);
    expect((await run("docker run alpine nosuch")).status).toBe(127);
    expect((await run("docker frobnicate")).status).toBe(1);
  });
});

describe("taskset, top, systemd-cgtop", () => {
  it("taskset -c pins a run; -p shows and changes", async () => {
    const { run } = testLab({ scenario: "cgroup" });
    await run(`mkdir ${cg}/t && echo $$ > ${cg}/t/cgroup.procs`);
    // 4 hogs pinned to CPU 0: together one CPU for 1 s.
    await run("taskset -c 0 stress-ng --cpu 4 --timeout 1");
    expect(keyed((await run(`cat ${cg}/t/cpu.stat`)).out).usage_usec).toBe(1_000_000);
    const bg = await run("stress-ng --cpu 1 --timeout 5 &");
    const parent = Number(/^\[1\] (\d+)/.exec(bg.out)![1]);
    await run("sleep 0.5");
    const worker = parent + 1;
    expect((await run(`taskset -cp ${worker}`)).out).toBe(`pid ${worker}'s current affinity list: 0-3\n`);
    expect((await run(`taskset -p ${worker}`)).out).toBe(`pid ${worker}'s current affinity mask: f\n`);
    expect((await run(`taskset -cp 2 ${worker}`)).out).toBe(
      `pid ${worker}'s current affinity list: 0-3\npid ${worker}'s new affinity list: 2\n`,
    );
    expect((await run("taskset -c x sleep 1")).status).toBe(1);
    expect((await run("taskset -cp 0 abc")).status).toBe(1);
    expect((await run("taskset -z")).status).toBe(1);
    expect(parseCpuList("0,2-3")).toEqual([0, 2, 3]);
    expect(formatCpuList([0, 1, 2, 5])).toBe("0-2,5");
    await run("kill %1");
  });

  it("top and systemd-cgtop measure over their interval", async () => {
    const { run } = testLab({ scenario: "cgroup" });
    await run(`mkdir ${cg}/half && echo "50000 100000" > ${cg}/half/cpu.max`);
    await run("cgexec -g cpu:/half stress-ng --cpu 2 --timeout 10 &");
    const t = (await run("top -b -n 1")).out.split("\n");
    expect(t[0]).toMatch(/^top - \d\d:\d\d:\d\d up 0 min, {2}1 user, {2}load average/);
    expect(t[6]).toBe("    PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND");
    // Half a CPU shared by two hogs over 3 s: 25 % each, 12.5 % of the 4-CPU machine.
    const rows = t.filter((l) => l.endsWith("stress-ng-cpu"));
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(Number(row.trim().split(/\s+/)[8])).toBeCloseTo(25, 0);
    expect(t[2]).toMatch(/^%Cpu\(s\): 12\.5 us, {2}0\.0 sy, {2}0\.0 ni, 87\.5 id,/);
    const c = (await run("systemd-cgtop -b -n 1")).out.split("\n");
    expect(c[0]).toBe(
      "Control Group                                    Tasks   %CPU   Memory  Input/s Output/s",
    );
    const half = c.find((l) => l.startsWith("/half "))!;
    expect(Number(half.trim().split(/\s+/)[2])).toBeCloseTo(50, 0);
    expect(t[1]).toMatch(/^Tasks: +\d+ total, +3 running,/); // two hogs and top itself
    expect((await run("top")).status).toBe(1);
    expect((await run("lsblk -z")).status).toBe(1);
    expect((await run("lsblk /dev/nope")).status).toBe(32);
    expect((await run("systemd-cgtop -x")).status).toBe(1);
    await run("kill %1");
  });
});

describe("both languages", () => {
  it("Korean messages", async () => {
    const { run } = testLab({ scenario: "cgroup", lang: "ko" });
    expect((await run("stress-ng --cpu abc")).out).toBe("stress-ng: --cpu의 값이 잘못되었습니다: 'abc'\n");
    expect((await run("top")).out).toContain("배치 모드만");
    const r = await run("dd if=/dev/zero of=/dev/null bs=1M count=1");
    expect(r.out.split("\n")[0]).toBe("1+0 레코드 들어옴");
  });
});
