import type { Microseconds } from "../core/clock";
import type { Task, TaskBehaviour, TaskStep } from "../sched/scheduler";
import type { CgroupHost, Proc, ProcExit } from "./host";
import { memcgChargeBatchPages, pageBytes } from "./memory";

/**
 * Workloads the shell starts: behaviours for the scheduler plus helpers that
 * spawn the processes. Pids and tids come from the host's allocator.
 */

export interface WorkloadCommon {
  readonly host: CgroupHost;
  readonly allocPid: () => number;
  readonly cgroup?: string;
  readonly affinity?: readonly number[];
  readonly name?: string;
  /** stress-ng --timeout: workers stop (exit 0) after this long. */
  readonly timeoutUs?: Microseconds;
  /** Called once per process with its pid. */
  readonly onExit?: (exit: ProcExit, pid: number) => void;
}

const run = (cpuUs: number, system = false): TaskStep => ({ kind: "run", cpuUs, system });
const sleep = (us: number): TaskStep => ({ kind: "sleep", us });
const exit = (code: number): TaskStep => ({ kind: "exit", code });

/** A CPU hog (stress-ng --cpu at 100%). */
export function busyBehaviour(untilUs = Infinity): TaskBehaviour {
  return {
    next: (_t, now) => (now >= untilUs ? exit(0) : run(Infinity)),
  };
}

/**
 * stress-ng --cpu-load P: a busy slice, then a sleep sized from the wall time
 * the busy slice took (stress-cpu.c: delay = busy_time * (100 - P) / P), so a
 * throttled worker also sleeps longer. stress-ng's default slice is 64 loop
 * iterations of its CPU method; here it is a fixed amount of CPU time
 * (`sliceCpuUs`, 10 ms by default) since the method's speed is not modelled.
 */
export function cpuLoadBehaviour(loadPercent: number, untilUs: number, sliceCpuUs = 10_000): TaskBehaviour {
  let phase: "busy" | "idle" = "idle";
  let busyStartUs = 0;
  return {
    next: (_t, now) => {
      if (now >= untilUs) return exit(0);
      if (loadPercent >= 100) return run(Infinity);
      if (phase === "idle") {
        phase = "busy";
        busyStartUs = now;
        return run(sliceCpuUs);
      }
      phase = "idle";
      const delay = ((now - busyStartUs) * (100 - loadPercent)) / Math.max(1, loadPercent);
      return sleep(Math.max(1, Math.min(Math.round(delay), untilUs - now)));
    },
  };
}

/** Wakes every `periodUs` (on a fixed grid from `phaseUs`) to do `workUs` of CPU: a bursty request handler. */
export function periodicBehaviour(
  periodUs: number,
  workUs: number,
  untilUs: number,
  phaseUs = 0,
): TaskBehaviour {
  let working = false;
  return {
    next: (_t, now) => {
      if (now >= untilUs) return exit(0);
      if (!working && (now - phaseUs) % periodUs === 0) {
        working = true;
        return run(workUs);
      }
      working = false;
      const nextWake = phaseUs + (Math.floor((now - phaseUs) / periodUs) + 1) * periodUs;
      return sleep(Math.min(nextWake, untilUs) - now);
    },
  };
}

function timeoutOf(c: WorkloadCommon): number {
  return c.timeoutUs === undefined ? Infinity : c.host.clock.nowUs + c.timeoutUs;
}

/** stress-ng --cpu N [--cpu-load P] [--timeout T]: one worker process per N. */
export function stressCpu(c: WorkloadCommon & { workers: number; loadPercent?: number }): Proc[] {
  const until = timeoutOf(c);
  const procs: Proc[] = [];
  for (let i = 0; i < c.workers; i++) {
    const pid = c.allocPid();
    const behaviour =
      c.loadPercent === undefined || c.loadPercent >= 100
        ? busyBehaviour(until)
        : cpuLoadBehaviour(c.loadPercent, until);
    procs.push(spawn(c, pid, [behaviour], until));
  }
  return procs;
}

/** Anonymous-memory touch speed of a vm worker, per CPU-second (page faults + memset). */
export const vmTouchBytesPerCpuSecond = 2 * 2 ** 30;

/**
 * stress-ng --vm N --vm-bytes SIZE: each worker faults SIZE of anonymous
 * memory in, a charge batch (64 pages) at a time near a limit and in larger
 * steps far from one, sleeping memory.high penalties, then keeps touching it
 * (a busy CPU) until the timeout. The OOM killer may end it.
 */
export function stressVm(c: WorkloadCommon & { workers: number; bytes: number }): Proc[] {
  const until = timeoutOf(c);
  const procs: Proc[] = [];
  for (let i = 0; i < c.workers; i++) {
    const pid = c.allocPid();
    let allocated = 0;
    let pendingPenalty = 0;
    // Assigned once after the behaviour that refers to it is built.
    // eslint-disable-next-line prefer-const
    let proc: Proc | undefined;
    const behaviour: TaskBehaviour = {
      next: (_t: Task, now) => {
        if (now >= until) return exit(0);
        if (proc === undefined) return run(1);
        if (pendingPenalty > 0) {
          const p = pendingPenalty;
          pendingPenalty = 0;
          return sleep(p);
        }
        if (allocated >= c.bytes) return run(Infinity);
        const batch = memcgChargeBatchPages * pageBytes;
        const step = Math.min(c.bytes - allocated, nearLimit(c.host, proc) ? batch : 64 * batch);
        const r = c.host.chargeAnon(proc, step);
        if (r.killed) return exit(137);
        allocated += step;
        pendingPenalty = r.penaltyUs;
        return run(Math.max(1, Math.round((step * 1e6) / vmTouchBytesPerCpuSecond)));
      },
    };
    proc = spawn(c, pid, [behaviour], until);
    procs.push(proc);
  }
  return procs;
}

function nearLimit(host: CgroupHost, proc: Proc): boolean {
  for (let g: typeof proc.cgroup | undefined = proc.cgroup; g !== undefined; g = g.parent) {
    const m = g.memcg;
    if (m === undefined) continue;
    const room = Math.min(m.max, m.high) - m.currentBytes;
    if (room < 128 * memcgChargeBatchPages * pageBytes) return true;
  }
  return host.memoryBytes - host.root.memcg!.currentBytes < 128 * memcgChargeBatchPages * pageBytes;
}

/**
 * dd if=/dev/zero of=/dev/DEV bs=BS count=N oflag=direct (or if=/dev/DEV
 * iflag=direct): one synchronous request at a time, each throttled by io.max
 * then served by the device. Without direct, the data goes through the page
 * cache: it is charged as file memory, and for reads the device is read too
 * (writeback of buffered writes is not modelled).
 */
export function dd(
  c: WorkloadCommon & {
    device: string;
    dir: "read" | "write";
    blockBytes: number;
    count: number;
    direct: boolean;
  },
): Proc {
  const pid = c.allocPid();
  let done = 0;
  let state: "submit" | "queued" | "inflight" = "submit";
  // Assigned once after the behaviour that refers to it is built.
  // eslint-disable-next-line prefer-const
  let proc: Proc | undefined;
  const behaviour: TaskBehaviour = {
    next: (_t, _now) => {
      if (proc === undefined) return run(1);
      if (state === "inflight") {
        done++;
        state = "submit";
        if (!c.direct) c.host.chargeFile(proc.cgroup, c.blockBytes);
      }
      if (done >= c.count) return exit(0);
      if (!c.direct && c.dir === "write") {
        done++;
        c.host.chargeFile(proc.cgroup, c.blockBytes);
        return sleep(c.host.pageCacheCopyUs(c.blockBytes));
      }
      const r = c.host.submitIo(proc, c.device, c.dir === "read" ? 0 : 1, c.blockBytes, state === "queued");
      if ("waitUs" in r) {
        state = "queued";
        return sleep(r.waitUs);
      }
      state = "inflight";
      return sleep(r.doneInUs);
    },
  };
  proc = spawn(c, pid, [behaviour], Infinity);
  return proc;
}

/** sleep T */
export function sleepProcess(c: WorkloadCommon & { durationUs: number }): Proc {
  let slept = false;
  const behaviour: TaskBehaviour = {
    next: () => {
      if (slept) return exit(0);
      slept = true;
      return sleep(c.durationUs);
    },
  };
  return spawn(c, c.allocPid(), [behaviour], Infinity);
}

function spawn(c: WorkloadCommon, pid: number, behaviours: TaskBehaviour[], untilUs: number): Proc {
  const proc = c.host.spawnProcess({
    pid,
    name: c.name ?? "stress-ng",
    ...(c.cgroup === undefined ? {} : { cgroup: c.cgroup }),
    ...(c.affinity === undefined ? {} : { affinity: c.affinity }),
    threads: behaviours.map((behaviour, i) => ({ tid: i === 0 ? pid : c.allocPid(), behaviour })),
    ...(c.onExit === undefined ? {} : { onExit: (exit: ProcExit) => c.onExit?.(exit, pid) }),
  });
  if (untilUs !== Infinity) {
    // --timeout: the workers are told to stop; a busy one notices at once.
    c.host.clock.at(untilUs, () => {
      if (c.host.procs.has(pid))
        for (const t of proc.threads) c.host.sched.kill(t, { kind: "exited", code: 0 });
    });
  }
  return proc;
}
