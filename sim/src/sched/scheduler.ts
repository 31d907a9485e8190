import type { Microseconds, TimerId, VirtualClock } from "../core/clock";
import type { EventBus } from "../core/events";
import {
  defaultBandwidthSliceUs,
  minBandwidthExpirationUs,
  minCfsRqRuntimeUs,
  slackPeriodUs,
  unlimitedBandwidth,
  type BandwidthConfig,
} from "./bandwidth";
import { minShares, sharesFromCgroupWeight, weightOfNice } from "./weights";

/**
 * A discrete-event model of CFS over simulated CPUs, with cgroup v2 task
 * groups, weights and CFS bandwidth control (kernel/sched/fair.c).
 *
 * Between two decision points every CPU shares its time among its runnable
 * tasks in proportion to their hierarchical weights (a fluid approximation of
 * CFS: it gives each entity its weighted share exactly, without modelling the
 * few-millisecond slices in which CFS/EEVDF interleaves them). Decision points
 * are the moments the kernel acts: a task's work step ends, a CPU's local
 * bandwidth runtime runs out (assign_cfs_rq_runtime / throttle_cfs_rq), a
 * period or slack timer fires, a task wakes, exits or moves. Time jumps from
 * one to the next on the shared VirtualClock.
 *
 * Update the simulation state, never the UI.
 */

export type TaskState = "runnable" | "sleeping" | "dead";

/** What a task does next. A behaviour is asked for its next step whenever the previous one ends. */
export type TaskStep =
  | { readonly kind: "run"; readonly cpuUs: number; readonly system?: boolean }
  | { readonly kind: "sleep"; readonly us: number }
  | { readonly kind: "exit"; readonly code: number };

export interface TaskBehaviour {
  next(task: Task, nowUs: Microseconds): TaskStep;
}

export type TaskExit =
  | { readonly kind: "exited"; readonly code: number }
  | { readonly kind: "killed"; readonly signal: number; readonly reason: "oom" | "signal" };

/** Events for the pictures; emitted only when someone listens. */
export interface SchedEvents extends Record<string, unknown> {
  /** One CPU's state over [startUs, endUs). */
  "cpu.segment": {
    cpu: number;
    startUs: number;
    endUs: number;
    state: "idle" | "running" | "throttled";
    running: { tid: number; pid: number; group: string; share: number }[];
    throttledGroups: string[];
  };
  /** A period timer of a group with a quota fired. */
  "cpu.period": {
    group: string;
    atUs: number;
    quotaUs: number;
    periodUs: number;
    usageUs: number;
    throttled: boolean;
    nrPeriods: number;
    nrThrottled: number;
  };
  "cpu.throttle": { group: string; cpu: number; atUs: number; throttled: boolean };
}

export class TaskGroup {
  readonly path: string;
  readonly parent: TaskGroup | undefined;
  readonly children = new Set<TaskGroup>();
  /** Kernel shares (cpu.weight 100 → 1024). */
  shares = 1024;
  bandwidth: BandwidthConfig = unlimitedBandwidth;
  /** Ancestors-or-self from the root down, cached. */
  readonly path_: TaskGroup[];

  // cpu.stat base counters (rstat), hierarchical, in microseconds (fractional).
  usageUs = 0;
  userUs = 0;
  systemUs = 0;

  // struct cfs_bandwidth
  poolUs = 0;
  runtimeSnapUs = 0;
  nrPeriods = 0;
  nrThrottled = 0;
  throttledTimeUs = 0;
  nrBursts = 0;
  burstTimeUs = 0;
  idle = false;
  periodActive = false;
  periodExpiryUs = 0;
  periodTimer: TimerId | undefined;
  slackStarted = false;
  slackTimer: TimerId | undefined;
  /** FIFO of CPUs whose queue of this group is throttled (cfs_b->throttled_cfs_rq). */
  readonly throttledList: number[] = [];
  /** Usage in the current period, for the period event. */
  periodUsageUs = 0;
  /**
   * Until this instant the pool is known to cover every slice any CPU can pull
   * (see Scheduler.#openWindow), so slice pulls are settled in bulk instead of
   * one decision point each.
   */
  lazyUntilUs = -1;
  windowTimer: TimerId | undefined;

  // struct cfs_rq, one per CPU
  readonly runtimeRemainingUs: number[];
  readonly throttled: boolean[];
  readonly throttledClockUs: number[];
  /** This group's consumption rate on each CPU (CPUs per CPU, 0..1), while it has a quota. */
  readonly rateOnCpu: number[];
  /** Runnable task weight under this group on each CPU, for the group entity weight (calc_group_shares). */
  readonly loadOnCpu: number[];
  loadTotal = 0;
  scratchGen = 0;
  scratchLoad = 0;

  constructor(path: string, parent: TaskGroup | undefined, cpus: number) {
    this.path = path;
    this.parent = parent;
    this.path_ = parent === undefined ? [this] : [...parent.path_, this];
    this.runtimeRemainingUs = new Array<number>(cpus).fill(0);
    this.throttled = new Array<boolean>(cpus).fill(false);
    this.throttledClockUs = new Array<number>(cpus).fill(0);
    this.rateOnCpu = new Array<number>(cpus).fill(0);
    this.loadOnCpu = new Array<number>(cpus).fill(0);
    parent?.children.add(this);
  }

  get hasQuota(): boolean {
    return this.bandwidth.quotaUs !== Infinity;
  }
}

export class Task {
  readonly tid: number;
  readonly pid: number;
  readonly name: string;
  group: TaskGroup;
  allowedCpus: number[];
  weight: number;
  behaviour: TaskBehaviour;
  state: TaskState = "sleeping";
  cpu = -1;
  lastCpu = -1;
  /** CPU time still to run in the current "run" step (Infinity: until killed). */
  remainingRunUs = 0;
  stepIsSystem = false;
  userUs = 0;
  systemUs = 0;
  /** Share of its CPU right now (0 when throttled, sleeping or waiting). */
  rate = 0;
  wakeTimer: TimerId | undefined;
  onExit: ((exit: TaskExit) => void) | undefined;
  exit: TaskExit | undefined;
  /** Ancestors-or-self with a quota, innermost last; refreshed when quotas or the group change. */
  quotaChain: TaskGroup[] = [];

  constructor(spec: SpawnSpec, group: TaskGroup, cpus: number) {
    this.tid = spec.tid;
    this.pid = spec.pid;
    this.name = spec.name;
    this.group = group;
    this.allowedCpus = normaliseAffinity(spec.affinity, cpus);
    this.weight = weightOfNice(spec.nice ?? 0);
    this.behaviour = spec.behaviour;
    this.onExit = spec.onExit;
  }

  get cpuUs(): number {
    return this.userUs + this.systemUs;
  }
}

export interface SpawnSpec {
  readonly pid: number;
  readonly tid: number;
  readonly name: string;
  readonly affinity?: readonly number[] | undefined;
  readonly nice?: number;
  readonly behaviour: TaskBehaviour;
  readonly onExit?: (exit: TaskExit) => void;
}

function normaliseAffinity(affinity: readonly number[] | undefined, cpus: number): number[] {
  const all = Array.from({ length: cpus }, (_, i) => i);
  if (affinity === undefined) return all;
  const allowed = [...new Set(affinity)].filter((c) => c >= 0 && c < cpus).sort((a, b) => a - b);
  return allowed.length === 0 ? all : allowed;
}

class Cpu {
  readonly index: number;
  readonly tasks: Task[] = [];
  lastUpdateUs = 0;
  timer: TimerId | undefined;
  timerAtUs = Infinity;
  /** Quota groups consuming on this CPU, with their rates (mirrors TaskGroup.rateOnCpu). */
  activeLevels: TaskGroup[] = [];
  loadedGroups: TaskGroup[] = [];
  segmentStartUs = 0;
  /** What the open segment shows, fixed when it opened (the picture must not read later state). */
  segment: Omit<SchedEvents["cpu.segment"], "cpu" | "startUs" | "endUs"> | undefined;

  constructor(index: number) {
    this.index = index;
  }
}

export interface SchedulerOptions {
  readonly clock: VirtualClock;
  readonly cpus: number;
  readonly bus?: EventBus<SchedEvents> | undefined;
}

/** Steps below this are rounding noise of the fluid model (microseconds). */
const epsilonUs = 1e-6;

export class Scheduler {
  readonly clock: VirtualClock;
  readonly cpus: Cpu[];
  readonly root: TaskGroup;
  readonly bus: EventBus<SchedEvents> | undefined;
  /** /proc/sys/kernel/sched_cfs_bandwidth_slice_us */
  bandwidthSliceUs = defaultBandwidthSliceUs;
  readonly tasks = new Map<number, Task>();
  readonly #dirty = new Set<Cpu>();
  readonly #windowCandidates = new Set<TaskGroup>();
  #flushing = false;
  #gen = 0;

  constructor(options: SchedulerOptions) {
    this.clock = options.clock;
    this.bus = options.bus;
    this.cpus = Array.from({ length: options.cpus }, (_, i) => new Cpu(i));
    this.root = new TaskGroup("/", undefined, options.cpus);
  }

  get cpuCount(): number {
    return this.cpus.length;
  }

  createGroup(path: string, parent: TaskGroup): TaskGroup {
    return new TaskGroup(path, parent, this.cpus.length);
  }

  /** Removes an empty group (the cgroup layer checks emptiness). */
  destroyGroup(group: TaskGroup): void {
    this.clock.cancel(group.periodTimer);
    this.clock.cancel(group.slackTimer);
    this.clock.cancel(group.windowTimer);
    group.parent?.children.delete(group);
  }

  setWeight(group: TaskGroup, cgroupWeight: number): void {
    this.#settleAll();
    group.shares = sharesFromCgroupWeight(cgroupWeight);
    this.#markAllDirty();
    this.#flush();
  }

  setShares(group: TaskGroup, shares: number): void {
    this.#settleAll();
    group.shares = shares;
    this.#markAllDirty();
    this.#flush();
  }

  /** tg_set_cfs_bandwidth(): new limits take effect at once, the pool is refilled. */
  setBandwidth(group: TaskGroup, config: BandwidthConfig): void {
    this.#settleAll();
    group.bandwidth = config;
    group.lazyUntilUs = -1;
    this.clock.cancel(group.windowTimer);
    group.windowTimer = undefined;
    const enabled = group.hasQuota;
    // __refill_cfs_bandwidth_runtime() under the new quota.
    this.#refill(group);
    if (enabled) this.#startBandwidth(group);
    else {
      this.clock.cancel(group.periodTimer);
      group.periodTimer = undefined;
      group.periodActive = false;
    }
    const now = this.clock.nowUs;
    for (let c = 0; c < this.cpus.length; c++) {
      // Every CPU's queue starts again from zero local runtime and is unthrottled.
      group.runtimeRemainingUs[c] = 0;
      if (group.throttled[c] === true) this.#unthrottle(group, c, now);
    }
    group.throttledList.length = 0;
    this.#refreshQuotaChains();
    this.#markAllDirty();
    this.#flush();
  }

  spawn(spec: SpawnSpec, group: TaskGroup): Task {
    const task = new Task(spec, group, this.cpus.length);
    task.quotaChain = group.path_.filter((g) => g.hasQuota);
    this.tasks.set(task.tid, task);
    this.#advanceBehaviour(task);
    this.#flush();
    return task;
  }

  /** Ends a task now (SIGKILL, OOM, timeout). */
  kill(task: Task, exit: TaskExit): void {
    if (task.state === "dead") return;
    if (task.cpu >= 0) this.#settle(this.cpus[task.cpu]!);
    this.#finish(task, exit);
    this.#flush();
  }

  /** Moves a task to another group (echo PID > cgroup.procs). */
  move(task: Task, group: TaskGroup): void {
    if (task.state === "dead" || task.group === group) return;
    const cpu = task.cpu >= 0 ? this.cpus[task.cpu] : undefined;
    if (cpu !== undefined) this.#settle(cpu);
    task.group = group;
    task.quotaChain = group.path_.filter((g) => g.hasQuota);
    if (cpu !== undefined) this.#dirty.add(cpu);
    this.#flush();
  }

  /** sched_setaffinity() (taskset): a runnable task on a CPU it may no longer use migrates. */
  setAffinity(task: Task, cpus: readonly number[]): void {
    task.allowedCpus = normaliseAffinity(cpus, this.cpus.length);
    if (task.state === "runnable" && !task.allowedCpus.includes(task.cpu)) {
      const from = this.cpus[task.cpu]!;
      this.#settle(from);
      this.#dequeue(task);
      this.#enqueue(task);
      this.#dirty.add(from);
    }
    this.#flush();
  }

  /** Interrupts a sleep (e.g. a penalty sleep cut short). */
  wake(task: Task): void {
    if (task.state !== "sleeping") return;
    this.clock.cancel(task.wakeTimer);
    task.wakeTimer = undefined;
    this.#advanceBehaviour(task);
    this.#flush();
  }

  /** Brings every counter up to the current instant (before reading cpu.stat). */
  sync(): void {
    this.#settleAll();
  }

  // ---- internals -----------------------------------------------------------

  #refreshQuotaChains(): void {
    for (const task of this.tasks.values()) task.quotaChain = task.group.path_.filter((g) => g.hasQuota);
  }

  #markAllDirty(): void {
    for (const cpu of this.cpus) this.#dirty.add(cpu);
  }

  #settleAll(): void {
    for (const cpu of this.cpus) this.#settle(cpu);
  }

  /** Accounts the time since the CPU's last update at the rates in force. */
  #settle(cpu: Cpu): void {
    const now = this.clock.nowUs;
    const dt = now - cpu.lastUpdateUs;
    if (dt <= 0) return;
    cpu.lastUpdateUs = now;
    for (const task of cpu.tasks) {
      const rate = task.rate;
      if (rate === 0) continue;
      const used = rate * dt;
      if (task.remainingRunUs !== Infinity) task.remainingRunUs -= used;
      const system = task.stepIsSystem;
      if (system) task.systemUs += used;
      else task.userUs += used;
      for (const g of task.group.path_) {
        g.usageUs += used;
        if (system) g.systemUs += used;
        else g.userUs += used;
      }
    }
    const c = cpu.index;
    const slice = this.bandwidthSliceUs;
    for (const g of cpu.activeLevels) {
      const used = g.rateOnCpu[c]! * dt;
      let remaining = g.runtimeRemainingUs[c]! - used;
      g.periodUsageUs += used;
      if (remaining <= epsilonUs && now <= g.lazyUntilUs) {
        // The slices this CPU pulled (each when its local runtime hit zero) inside the window.
        const n = Math.floor(-remaining / slice) + 1;
        remaining += n * slice;
        g.poolUs -= n * slice;
        g.idle = false;
      }
      g.runtimeRemainingUs[c] = remaining;
    }
  }

  /**
   * Opens a window in which no slice pull can come up short: a CPU consuming
   * at rate r pulls at most r·Δ/slice + 1 slices in Δ, so with n consuming
   * CPUs at total rate R the pool P lasts while R·Δ + n·slice ≤ P. Inside it
   * the kernel's per-slice decisions change nothing but counters, which
   * #settle reproduces exactly; outside it every pull is its own event.
   */
  #openWindow(g: TaskGroup): void {
    if (!g.hasQuota) return;
    const now = this.clock.nowUs;
    if (now < g.lazyUntilUs) return;
    let rate = 0;
    let n = 0;
    for (let c = 0; c < this.cpus.length; c++) {
      const r = g.rateOnCpu[c]!;
      if (r > 0) {
        rate += r;
        n++;
      }
    }
    if (rate === 0) return;
    // Pulls inside the window would have armed the period timer (start_cfs_bandwidth).
    this.#startBandwidth(g);
    const slice = this.bandwidthSliceUs;
    const windowUs = Math.floor((g.poolUs - n * slice) / rate);
    if (windowUs < slice) return;
    g.lazyUntilUs = now + windowUs;
    this.clock.cancel(g.windowTimer);
    g.windowTimer = this.clock.at(g.lazyUntilUs, () => {
      g.windowTimer = undefined;
      this.#settleAll();
      for (let c = 0; c < this.cpus.length; c++) if (g.rateOnCpu[c]! > 0) this.#dirty.add(this.cpus[c]!);
      this.#windowCandidates.add(g);
      this.#flush();
    });
  }

  /** A rate changed inside a window: settle everyone up to now and close it. */
  #closeWindow(g: TaskGroup): void {
    if (this.clock.nowUs >= g.lazyUntilUs) return;
    this.#settleAll();
    g.lazyUntilUs = this.clock.nowUs;
    this.clock.cancel(g.windowTimer);
    g.windowTimer = undefined;
    for (let c = 0; c < this.cpus.length; c++) if (g.rateOnCpu[c]! > 0) this.#dirty.add(this.cpus[c]!);
    this.#windowCandidates.add(g);
  }

  #advanceBehaviour(task: Task): void {
    // A behaviour may answer with zero-length steps; bound the loop.
    for (let guard = 0; guard < 1000; guard++) {
      if (task.state === "dead") return;
      const step = task.behaviour.next(task, this.clock.nowUs);
      if (isDead(task)) return; // killed from inside next() (OOM)
      if (step.kind === "exit") {
        this.#finish(task, { kind: "exited", code: step.code });
        return;
      }
      if (step.kind === "sleep") {
        if (step.us <= 0) continue;
        if (task.state === "runnable") this.#dequeue(task);
        task.state = "sleeping";
        task.wakeTimer = this.clock.after(step.us, () => {
          task.wakeTimer = undefined;
          this.#advanceBehaviour(task);
          this.#flush();
        });
        return;
      }
      if (step.cpuUs <= 0) continue;
      task.remainingRunUs = step.cpuUs;
      task.stepIsSystem = step.system ?? false;
      if (task.state !== "runnable") {
        task.state = "runnable";
        this.#enqueue(task);
      } else if (task.cpu >= 0) this.#dirty.add(this.cpus[task.cpu]!);
      return;
    }
    this.#finish(task, { kind: "exited", code: 1 });
  }

  /** select_task_rq_fair() in spirit: an allowed CPU with the fewest runnable tasks, the previous one on a tie. */
  #enqueue(task: Task): void {
    let best: Cpu | undefined;
    for (const c of task.allowedCpus) {
      const cpu = this.cpus[c]!;
      if (
        best === undefined ||
        cpu.tasks.length < best.tasks.length ||
        (cpu.tasks.length === best.tasks.length && c === task.lastCpu)
      )
        best = cpu;
    }
    const cpu = best!;
    this.#settle(cpu);
    cpu.tasks.push(task);
    task.cpu = cpu.index;
    task.lastCpu = cpu.index;
    this.#dirty.add(cpu);
  }

  #dequeue(task: Task): void {
    if (task.cpu < 0) return;
    const cpu = this.cpus[task.cpu]!;
    this.#settle(cpu);
    const i = cpu.tasks.indexOf(task);
    if (i >= 0) cpu.tasks.splice(i, 1);
    task.cpu = -1;
    task.rate = 0;
    this.#dirty.add(cpu);
  }

  #finish(task: Task, exit: TaskExit): void {
    if (task.state === "dead") return;
    if (task.state === "runnable") this.#dequeue(task);
    this.clock.cancel(task.wakeTimer);
    task.wakeTimer = undefined;
    task.state = "dead";
    task.exit = exit;
    this.tasks.delete(task.tid);
    task.onExit?.(exit);
  }

  /** Recomputes shares on every CPU that changed, then their next decision points. */
  #flush(): void {
    if (this.#flushing) return;
    this.#flushing = true;
    try {
      for (let guard = 0; guard < 100_000; guard++) {
        if (this.#dirty.size > 0) {
          const cpu = this.#dirty.values().next().value!;
          this.#dirty.delete(cpu);
          this.#recompute(cpu);
        } else if (this.#windowCandidates.size > 0) {
          const g = this.#windowCandidates.values().next().value!;
          this.#windowCandidates.delete(g);
          this.#openWindow(g);
        } else break;
      }
    } finally {
      this.#flushing = false;
    }
  }

  #isThrottledOn(task: Task, c: number): boolean {
    for (const g of task.quotaChain) if (g.throttled[c] === true) return true;
    return false;
  }

  #recompute(cpu: Cpu): void {
    this.#settle(cpu);
    const now = this.clock.nowUs;
    const c = cpu.index;
    this.#emitSegment(cpu, now);
    // Run steps that are done and pull or throttle quota levels that ran dry, in kernel order:
    // the runtime check comes first (update_curr → account_cfs_rq_runtime).
    for (const g of cpu.activeLevels) {
      if (g.runtimeRemainingUs[c]! <= epsilonUs && g.throttled[c] !== true) this.#accountRunOut(g, c, now);
    }
    if (cpu.tasks.some((t) => t.remainingRunUs <= epsilonUs)) {
      for (const task of [...cpu.tasks]) {
        if (task.remainingRunUs <= epsilonUs && task.state === "runnable") {
          task.remainingRunUs = 0;
          this.#advanceBehaviour(task);
        }
      }
    }
    let eligible = cpu.tasks.filter((t) => !this.#isThrottledOn(t, c));
    // Idle balance (newidle_balance): a CPU with nothing to run pulls a waiting task.
    if (eligible.length === 0) {
      this.#idlePull(cpu);
      eligible = cpu.tasks.filter((t) => !this.#isThrottledOn(t, c));
    }
    for (const t of cpu.tasks) t.rate = 0;
    // Group loads on this CPU, for calc_group_shares here and on the other CPUs.
    this.#updateLoads(cpu, eligible);
    this.#computeShares(eligible, c);

    // Quota levels consuming on this CPU now.
    const before = cpu.activeLevels;
    const oldRates = before.map((g) => g.rateOnCpu[c]!);
    const levels: TaskGroup[] = [];
    for (const g of before) g.rateOnCpu[c] = 0;
    for (const t of eligible) {
      for (const g of t.quotaChain) {
        if (g.rateOnCpu[c] === 0) levels.push(g);
        g.rateOnCpu[c]! += t.rate;
      }
    }
    cpu.activeLevels = levels;
    for (let i = 0; i < before.length; i++) {
      const g = before[i]!;
      if (Math.abs(g.rateOnCpu[c]! - oldRates[i]!) > 1e-12) this.#rateChanged(g);
    }
    for (const g of levels) if (!before.includes(g)) this.#rateChanged(g);
    // return_cfs_rq_runtime(): a queue that went idle gives back all but min_cfs_rq_runtime.
    for (const g of before) {
      if (g.rateOnCpu[c] === 0 && g.throttled[c] !== true && g.hasQuota) this.#returnRuntime(g, c, now);
    }
    // A level that is consuming needs local runtime first (assign_cfs_rq_runtime on enqueue/pick).
    for (const g of levels) {
      if (g.runtimeRemainingUs[c]! <= epsilonUs) {
        this.#accountRunOut(g, c, now);
        if (g.throttled[c] === true) {
          this.#dirty.add(cpu);
          this.#openSegment(cpu);
          return;
        }
      }
    }

    let next = Infinity;
    for (const t of eligible) {
      if (t.rate > 0 && t.remainingRunUs !== Infinity) next = Math.min(next, t.remainingRunUs / t.rate);
    }
    for (const g of levels) {
      const r = g.rateOnCpu[c]!;
      if (r > 0 && now >= g.lazyUntilUs) next = Math.min(next, g.runtimeRemainingUs[c]! / r);
    }
    this.#openSegment(cpu);
    const at = next === Infinity ? Infinity : now + Math.max(1, Math.ceil(next - 1e-9));
    if (at !== cpu.timerAtUs) {
      this.clock.cancel(cpu.timer);
      cpu.timer = undefined;
      cpu.timerAtUs = at;
      if (at !== Infinity) {
        cpu.timer = this.clock.at(at, () => {
          cpu.timer = undefined;
          cpu.timerAtUs = Infinity;
          this.#dirty.add(cpu);
          this.#flush();
        });
      }
    }
  }

  /** Closes the CPU's open segment for the timeline picture, with the state it opened with. */
  #emitSegment(cpu: Cpu, now: number): void {
    const bus = this.bus;
    if (bus === undefined || !bus.hasListeners("cpu.segment")) return;
    if (now > cpu.segmentStartUs) {
      const shown = cpu.segment ?? { state: "idle", running: [], throttledGroups: [] };
      bus.emit("cpu.segment", { cpu: cpu.index, startUs: cpu.segmentStartUs, endUs: now, ...shown });
    }
    cpu.segmentStartUs = now;
    cpu.segment = undefined;
  }

  /** Records what this CPU does from now on, once the recompute has decided it. */
  #openSegment(cpu: Cpu): void {
    const bus = this.bus;
    if (bus === undefined || !bus.hasListeners("cpu.segment")) return;
    const c = cpu.index;
    const running = cpu.tasks
      .filter((t) => t.rate > 0)
      .map((t) => ({ tid: t.tid, pid: t.pid, group: t.group.path, share: t.rate }));
    const throttledGroups = [
      ...new Set(
        cpu.tasks.flatMap((t) => t.quotaChain.filter((g) => g.throttled[c] === true).map((g) => g.path)),
      ),
    ];
    const state = running.length > 0 ? "running" : throttledGroups.length > 0 ? "throttled" : "idle";
    cpu.segment = { state, running, throttledGroups };
  }

  #rateChanged(g: TaskGroup): void {
    if (this.clock.nowUs < g.lazyUntilUs) this.#closeWindow(g);
    else this.#windowCandidates.add(g);
  }

  #idlePull(cpu: Cpu): void {
    const c = cpu.index;
    let busiest: Cpu | undefined;
    let busiestCount = 1;
    for (const other of this.cpus) {
      if (other === cpu) continue;
      const count = other.tasks.length;
      if (count > busiestCount) {
        busiest = other;
        busiestCount = count;
      }
    }
    if (busiest === undefined) return;
    // can_migrate_task(): allowed here, and throttled_lb_pair(): unthrottled on both CPUs.
    const candidate = busiest.tasks.find(
      (t) =>
        t.allowedCpus.includes(c) && !this.#isThrottledOn(t, busiest.index) && !this.#isThrottledOn(t, c),
    );
    if (candidate === undefined) return;
    this.#settle(busiest);
    busiest.tasks.splice(busiest.tasks.indexOf(candidate), 1);
    candidate.rate = 0;
    cpu.tasks.push(candidate);
    candidate.cpu = c;
    candidate.lastCpu = c;
    this.#dirty.add(busiest);
  }

  #computeShares(eligible: Task[], c: number): void {
    if (eligible.length === 0) return;
    if (eligible.length === 1) {
      eligible[0]!.rate = 1;
      return;
    }
    const firstGroup = eligible[0]!.group;
    if (eligible.every((t) => t.group === firstGroup && t.weight === eligible[0]!.weight)) {
      for (const t of eligible) t.rate = 1 / eligible.length;
      return;
    }
    // Hierarchical weighted split: at each group, tasks and child-group entities share its portion.
    const childTasks = new Map<TaskGroup, Task[]>();
    const childGroups = new Map<TaskGroup, Set<TaskGroup>>();
    for (const t of eligible) {
      let list = childTasks.get(t.group);
      if (list === undefined) childTasks.set(t.group, (list = []));
      list.push(t);
      const p = t.group.path_;
      for (let i = 1; i < p.length; i++) {
        let set = childGroups.get(p[i - 1]!);
        if (set === undefined) childGroups.set(p[i - 1]!, (set = new Set()));
        set.add(p[i]!);
      }
    }
    const entityWeight = (g: TaskGroup): number => {
      // calc_group_shares(): tg shares × this CPU's load / the group's load over all CPUs.
      const load = g.loadOnCpu[c]!;
      const total = g.loadTotal;
      const shares = total > 0 ? (g.shares * load) / total : g.shares;
      return Math.min(g.shares, Math.max(minShares, shares));
    };
    const split = (g: TaskGroup, portion: number): void => {
      const tasks = childTasks.get(g) ?? [];
      const groups = [...(childGroups.get(g) ?? [])];
      const gw = groups.map(entityWeight);
      let sum = 0;
      for (const t of tasks) sum += t.weight;
      for (const w of gw) sum += w;
      for (const t of tasks) t.rate = (portion * t.weight) / sum;
      groups.forEach((child, i) => split(child, (portion * gw[i]!) / sum));
    };
    split(this.root, 1);
  }

  #updateLoads(cpu: Cpu, eligible: Task[]): void {
    const c = cpu.index;
    const gen = ++this.#gen;
    const loaded: TaskGroup[] = [];
    for (const t of eligible) {
      for (const g of t.group.path_) {
        if (g.scratchGen !== gen) {
          g.scratchGen = gen;
          g.scratchLoad = 0;
          loaded.push(g);
        }
        g.scratchLoad += t.weight;
      }
    }
    for (const g of cpu.loadedGroups) {
      if (g.scratchGen !== gen) {
        g.loadTotal -= g.loadOnCpu[c]!;
        g.loadOnCpu[c] = 0;
      }
    }
    for (const g of loaded) {
      g.loadTotal += g.scratchLoad - g.loadOnCpu[c]!;
      g.loadOnCpu[c] = g.scratchLoad;
    }
    cpu.loadedGroups = loaded;
  }

  // ---- CFS bandwidth (kernel/sched/fair.c) ----------------------------------

  /**
   * The CPU's local runtime of group g ran out: assign_cfs_rq_runtime() pulls
   * up to one slice from the global pool; with nothing left, throttle_cfs_rq()
   * (which itself tries once more for a sliver of runtime) throttles the queue.
   */
  #accountRunOut(g: TaskGroup, c: number, now: number): void {
    if (!g.hasQuota) return;
    this.#assign(g, c, this.bandwidthSliceUs);
    if (g.runtimeRemainingUs[c]! > epsilonUs) return;
    g.throttled[c] = true;
    g.throttledClockUs[c] = now;
    g.throttledList.push(c);
    g.rateOnCpu[c] = 0;
    this.bus?.emit("cpu.throttle", { group: g.path, cpu: c, atUs: now, throttled: true });
  }

  /** __assign_cfs_rq_runtime(): top the local runtime up to target from the pool. */
  #assign(g: TaskGroup, c: number, targetUs: number): void {
    const minAmount = targetUs - g.runtimeRemainingUs[c]!;
    this.#startBandwidth(g);
    if (g.poolUs > 0 && minAmount > 0) {
      const amount = Math.min(g.poolUs, minAmount);
      g.poolUs -= amount;
      g.runtimeRemainingUs[c]! += amount;
      g.idle = false;
    }
  }

  #unthrottle(g: TaskGroup, c: number, now: number): void {
    g.throttled[c] = false;
    g.throttledTimeUs += now - g.throttledClockUs[c]!;
    this.#dirty.add(this.cpus[c]!);
    this.bus?.emit("cpu.throttle", { group: g.path, cpu: c, atUs: now, throttled: false });
  }

  /** __return_cfs_rq_runtime(). */
  #returnRuntime(g: TaskGroup, c: number, now: number): void {
    const slack = g.runtimeRemainingUs[c]! - minCfsRqRuntimeUs;
    if (slack <= 0) return;
    g.poolUs += slack;
    g.runtimeRemainingUs[c]! -= slack;
    if (g.poolUs > this.bandwidthSliceUs && g.throttledList.length > 0) this.#startSlack(g, now);
  }

  /** start_cfs_slack_bandwidth(): unthrottling is deferred 5 ms, unless a refresh is about to come anyway. */
  #startSlack(g: TaskGroup, now: number): void {
    if (g.periodActive && g.periodExpiryUs - now < minBandwidthExpirationUs) return;
    if (g.slackStarted) return;
    g.slackStarted = true;
    g.slackTimer = this.clock.after(slackPeriodUs, () => {
      g.slackTimer = undefined;
      g.slackStarted = false;
      const t = this.clock.nowUs;
      if (g.periodActive && g.periodExpiryUs - t < minBandwidthExpirationUs) return;
      if (!g.hasQuota || g.poolUs <= this.bandwidthSliceUs) return;
      this.#settleAll();
      this.#distribute(g, t);
      this.#flush();
    });
  }

  /** __refill_cfs_bandwidth_runtime(), with burst accounting. */
  #refill(g: TaskGroup): void {
    if (!g.hasQuota) return;
    g.poolUs += g.bandwidth.quotaUs;
    const burst = g.runtimeSnapUs - g.poolUs;
    if (burst > 0) {
      g.burstTimeUs += burst;
      g.nrBursts++;
    }
    g.poolUs = Math.min(g.poolUs, g.bandwidth.quotaUs + g.bandwidth.burstUs);
    g.runtimeSnapUs = g.poolUs;
  }

  /** start_cfs_bandwidth(): arm the period timer on the period grid (hrtimer_forward_now). */
  #startBandwidth(g: TaskGroup): void {
    if (g.periodActive || !g.hasQuota) return;
    g.periodActive = true;
    const now = this.clock.nowUs;
    const period = g.bandwidth.periodUs;
    if (g.periodExpiryUs <= now) {
      g.periodExpiryUs += Math.floor((now - g.periodExpiryUs) / period + 1) * period;
    }
    g.periodTimer = this.clock.at(g.periodExpiryUs, () => this.#periodTimer(g));
  }

  /** sched_cfs_period_timer() → do_sched_cfs_period_timer(). */
  #periodTimer(g: TaskGroup): void {
    g.periodTimer = undefined;
    const now = this.clock.nowUs;
    this.#settleAll();
    if (!g.hasQuota) {
      g.periodActive = false;
      return;
    }
    const throttled = g.throttledList.length > 0;
    g.nrPeriods++;
    const usage = g.periodUsageUs;
    g.periodUsageUs = 0;
    this.#refill(g);
    let deactivate = false;
    if (g.idle && !throttled) deactivate = true;
    else if (!throttled) g.idle = true;
    else {
      g.nrThrottled++;
      this.#distribute(g, now);
      g.idle = false;
    }
    if (this.bus?.hasListeners("cpu.period") === true) {
      this.bus.emit("cpu.period", {
        group: g.path,
        atUs: now,
        quotaUs: g.bandwidth.quotaUs,
        periodUs: g.bandwidth.periodUs,
        usageUs: Math.round(usage),
        throttled,
        nrPeriods: g.nrPeriods,
        nrThrottled: g.nrThrottled,
      });
    }
    this.#windowCandidates.add(g);
    if (deactivate) g.periodActive = false;
    else {
      g.periodExpiryUs += g.bandwidth.periodUs;
      g.periodTimer = this.clock.at(g.periodExpiryUs, () => this.#periodTimer(g));
    }
    this.#flush();
  }

  /**
   * distribute_cfs_runtime(): each throttled queue, oldest first, gets just
   * enough to go positive (the kernel gives 1 ns, here 1 µs) and is
   * unthrottled; it then pulls a full slice as it starts running.
   */
  #distribute(g: TaskGroup, now: number): void {
    const unthrottled: number[] = [];
    while (g.throttledList.length > 0 && g.poolUs > 0) {
      const c = g.throttledList[0]!;
      const want = -g.runtimeRemainingUs[c]! + 1;
      const give = Math.min(want, g.poolUs);
      g.poolUs -= give;
      g.runtimeRemainingUs[c]! += give;
      if (g.runtimeRemainingUs[c]! <= 0) break;
      g.throttledList.shift();
      this.#unthrottle(g, c, now);
      unthrottled.push(c);
    }
    for (const c of unthrottled) this.#assign(g, c, this.bandwidthSliceUs);
  }
}

function isDead(task: Task): boolean {
  return task.state === "dead";
}
