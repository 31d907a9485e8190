import type { Microseconds, VirtualClock } from "../core/clock";
import { SysError } from "../core/errno";
import { EventBus } from "../core/events";
import { formatCpuMax, parseCpuMax, parseCpuMaxBurst } from "../sched/bandwidth";
import {
  Scheduler,
  type SchedEvents,
  type Task,
  type TaskBehaviour,
  type TaskExit,
  type TaskGroup,
} from "../sched/scheduler";
import {
  cgroupWeightDefault,
  cgroupWeightFromShares,
  cgroupWeightMax,
  cgroupWeightMin,
  maxNice,
  minNice,
  niceFromShares,
  weightOfNice,
} from "../sched/weights";
import {
  defaultBlockDevices,
  devKey,
  emptyIoStat,
  formatIoMaxLine,
  formatIoStatLine,
  parseIoMax,
  serviceTimeUs,
  ThrottleSlice,
  type BlockDeviceSpec,
  type IoDir,
  type IoLimits,
  type IoStat,
} from "./io";
import {
  formatMemoryLimit,
  highDelayUs,
  maxReclaimRetries,
  memcgChargeBatchPages,
  MemCgroup,
  memoryEvent,
  memoryEventNames,
  pageBytes,
  parseMemoryLimit,
  parseOomGroup,
} from "./memory";

/**
 * A cgroup v2 hierarchy over the scheduler, memory and io models: the
 * operations behind /sys/fs/cgroup (Documentation/admin-guide/cgroup-v2.rst,
 * kernel/cgroup/cgroup.c). Paths are relative to the root: "" or "/" is the
 * root, "system.slice/docker-abc.scope" a child. File contents are the bytes
 * the kernel prints, trailing newline included.
 */

/** The controllers a stock systemd host shows in the root's cgroup.controllers. */
export const controllerNames = ["cpuset", "cpu", "io", "memory", "hugetlb", "pids", "rdma", "misc"] as const;
export type ControllerName = (typeof controllerNames)[number];

export interface CgroupHostEvents extends SchedEvents {
  "memory.usage": { group: string; atUs: number; currentBytes: number; highBytes: number; maxBytes: number };
  "memory.oom": {
    group: string;
    atUs: number;
    pid: number;
    name: string;
    rssBytes: number;
    groupKill: boolean;
  };
}

export interface CgroupHostOptions {
  readonly clock: VirtualClock;
  readonly cpus?: number;
  readonly memoryBytes?: number;
  readonly blockDevices?: readonly BlockDeviceSpec[];
  readonly bus?: EventBus<CgroupHostEvents>;
}

interface IoGroupState {
  weight: number;
  readonly limits: Map<string, IoLimits>;
  readonly slices: Map<string, [ThrottleSlice, ThrottleSlice]>;
  readonly stats: Map<string, IoStat>;
}

export class Cgroup {
  readonly name: string;
  readonly parent: Cgroup | undefined;
  readonly children = new Map<string, Cgroup>();
  readonly subtreeControl = new Set<ControllerName>();
  readonly procs = new Set<Proc>();
  taskGroup: TaskGroup | undefined;
  memcg: MemCgroup | undefined;
  io: IoGroupState | undefined;

  constructor(name: string, parent: Cgroup | undefined) {
    this.name = name;
    this.parent = parent;
  }

  get path(): string {
    if (this.parent === undefined) return "/";
    const up = this.parent.path;
    return up === "/" ? `/${this.name}` : `${up}/${this.name}`;
  }

  /** Controllers enabled here: the parent's subtree_control (all of them at the root). */
  get controllers(): ReadonlySet<ControllerName> {
    return this.parent === undefined ? new Set(controllerNames) : this.parent.subtreeControl;
  }

  *subtree(): Generator<Cgroup> {
    yield this;
    for (const child of this.children.values()) yield* child.subtree();
  }

  get populated(): boolean {
    for (const g of this.subtree()) if (g.procs.size > 0) return true;
    return false;
  }
}

export type ProcExit = TaskExit;

/** A process: threads that share a pid, a cgroup and an address space. */
export class Proc {
  readonly pid: number;
  readonly name: string;
  cgroup: Cgroup;
  readonly threads: Task[] = [];
  /** Anonymous memory (rss) by the memcg it was charged to: charges stay where they were made. */
  readonly charges = new Map<MemCgroup, number>();
  rssBytes = 0;
  exit: ProcExit | undefined;
  readonly onExit: ((exit: ProcExit) => void) | undefined;

  constructor(pid: number, name: string, cgroup: Cgroup, onExit: ((exit: ProcExit) => void) | undefined) {
    this.pid = pid;
    this.name = name;
    this.cgroup = cgroup;
    this.onExit = onExit;
  }
}

export interface ThreadSpec {
  readonly tid: number;
  readonly behaviour: TaskBehaviour;
  readonly nice?: number;
}

export interface ProcessSpec {
  readonly pid: number;
  readonly name: string;
  /** Cgroup path; the root when omitted. */
  readonly cgroup?: string;
  /** taskset CPU list; all CPUs when omitted. */
  readonly affinity?: readonly number[];
  readonly threads: readonly ThreadSpec[];
  readonly onExit?: (exit: ProcExit) => void;
}

export interface GroupSnapshot {
  readonly path: string;
  readonly usageUs: number;
  /** CPU% since the previous snapshot (100 = one CPU). */
  readonly cpuPercent: number;
  readonly memoryBytes: number;
  readonly tasks: number;
  readonly procs: number;
}

export interface TaskSnapshot {
  readonly pid: number;
  readonly tid: number;
  readonly name: string;
  readonly cgroup: string;
  readonly state: "R" | "S";
  readonly cpu: number;
  readonly cpuUs: number;
  readonly cpuPercent: number;
  readonly rssBytes: number;
}

/** Page-cache copy rate of buffered I/O (memory bandwidth, no device). */
const pageCacheBytesPerSecond = 2e9;

export class CgroupHost {
  readonly clock: VirtualClock;
  readonly sched: Scheduler;
  readonly bus: EventBus<CgroupHostEvents>;
  readonly memoryBytes: number;
  readonly devices: readonly BlockDeviceSpec[];
  readonly root: Cgroup;
  readonly procs = new Map<number, Proc>();
  #lastSnapshotUs = 0;
  readonly #lastUsage = new Map<string, number>();
  readonly #lastTaskUs = new Map<number, number>();

  constructor(options: CgroupHostOptions) {
    this.clock = options.clock;
    this.bus = options.bus ?? new EventBus<CgroupHostEvents>();
    this.sched = new Scheduler({
      clock: this.clock,
      cpus: options.cpus ?? 4,
      bus: this.bus as unknown as EventBus<SchedEvents>,
    });
    this.memoryBytes = options.memoryBytes ?? 8 * 2 ** 30;
    this.devices = options.blockDevices ?? defaultBlockDevices;
    this.root = new Cgroup("", undefined);
    this.root.taskGroup = this.sched.root;
    this.root.memcg = new MemCgroup(undefined);
    this.root.memcg.max = this.memoryBytes;
    this.root.io = newIoState();
  }

  // ---- the tree ------------------------------------------------------------

  find(path: string): Cgroup {
    let g = this.root;
    for (const part of path.split("/").filter((p) => p !== "")) {
      const child = g.children.get(part);
      if (child === undefined) throw new SysError("ENOENT", path);
      g = child;
    }
    return g;
  }

  exists(path: string): boolean {
    try {
      this.find(path);
      return true;
    } catch {
      return false;
    }
  }

  mkdir(path: string): void {
    const parts = path.split("/").filter((p) => p !== "");
    const name = parts.pop();
    if (name === undefined) throw new SysError("EEXIST", path);
    const parent = this.find(parts.join("/"));
    if (parent.children.has(name)) throw new SysError("EEXIST", path);
    const g = new Cgroup(name, parent);
    parent.children.set(name, g);
    for (const c of parent.subtreeControl) this.#enable(g, c);
  }

  /** cgroup_rmdir(): EBUSY while it has processes or children. */
  rmdir(path: string): void {
    const g = this.find(path);
    if (g.parent === undefined) throw new SysError("EBUSY", "root");
    if (g.procs.size > 0 || g.children.size > 0) throw new SysError("EBUSY", path);
    for (const c of [...g.controllers]) this.#disable(g, c);
    g.parent.children.delete(g.name);
  }

  listGroup(path: string): { files: string[]; children: string[] } {
    const g = this.find(path);
    const root = g.parent === undefined;
    const files = [
      "cgroup.controllers",
      "cgroup.procs",
      "cgroup.subtree_control",
      "cgroup.threads",
      "cpu.stat",
    ];
    if (!root) files.push("cgroup.events", "cgroup.type");
    const on = g.controllers;
    if (!root && on.has("cpu")) files.push("cpu.max", "cpu.max.burst", "cpu.weight", "cpu.weight.nice");
    if (on.has("memory")) {
      files.push("memory.stat");
      if (!root) {
        files.push(
          "memory.current",
          "memory.events",
          "memory.events.local",
          "memory.high",
          "memory.low",
          "memory.max",
          "memory.min",
          "memory.oom.group",
          "memory.peak",
          "memory.swap.max",
        );
      }
    }
    if (on.has("io")) {
      files.push("io.stat");
      if (!root) files.push("io.max", "io.weight");
    }
    return { files: files.sort(), children: [...g.children.keys()].sort() };
  }

  // ---- files ---------------------------------------------------------------

  readFile(path: string, name: string): string {
    const g = this.find(path);
    if (!this.listGroup(path).files.includes(name)) throw new SysError("ENOENT", name);
    this.sched.sync();
    switch (name) {
      case "cgroup.controllers":
        return lineOf(controllerNames.filter((c) => g.controllers.has(c)));
      case "cgroup.subtree_control":
        return lineOf(controllerNames.filter((c) => g.subtreeControl.has(c)));
      case "cgroup.procs":
        return [...g.procs]
          .map((p) => p.pid)
          .sort((a, b) => a - b)
          .map((p) => `${p}\n`)
          .join("");
      case "cgroup.threads":
        return [...g.procs]
          .flatMap((p) => p.threads.filter((t) => t.state !== "dead").map((t) => t.tid))
          .sort((a, b) => a - b)
          .map((t) => `${t}\n`)
          .join("");
      case "cgroup.events":
        return `populated ${g.populated ? 1 : 0}\nfrozen 0\n`;
      case "cgroup.type":
        return "domain\n";
      case "cpu.stat":
        return this.#cpuStat(g);
      case "cpu.max":
        return formatCpuMax(g.taskGroup!.bandwidth);
      case "cpu.max.burst":
        return `${g.taskGroup!.bandwidth.burstUs}\n`;
      case "cpu.weight":
        return `${cgroupWeightFromShares(g.taskGroup!.shares)}\n`;
      case "cpu.weight.nice":
        return `${niceFromShares(g.taskGroup!.shares)}\n`;
      case "memory.current":
        return `${g.memcg!.currentBytes}\n`;
      case "memory.peak":
        return `${g.memcg!.peakBytes}\n`;
      case "memory.max":
        return formatMemoryLimit(g.memcg!.max);
      case "memory.high":
        return formatMemoryLimit(g.memcg!.high);
      case "memory.low":
        return `${g.memcg!.low}\n`;
      case "memory.min":
        return `${g.memcg!.min}\n`;
      case "memory.swap.max":
        return formatMemoryLimit(g.memcg!.swapMax);
      case "memory.oom.group":
        return `${g.memcg!.oomGroup ? 1 : 0}\n`;
      case "memory.events":
        return memoryEventNames.map((e) => `${e} ${g.memcg!.events.get(e)!}\n`).join("");
      case "memory.events.local":
        return memoryEventNames.map((e) => `${e} ${g.memcg!.eventsLocal.get(e)!}\n`).join("");
      case "memory.stat":
        return this.#memoryStat(g.memcg!);
      case "io.max":
        return this.devices
          .map((d) => {
            const l = g.io!.limits.get(devKey(d));
            return l === undefined ? "" : formatIoMaxLine(d, l);
          })
          .join("");
      case "io.weight":
        return `default ${g.io!.weight}\n`;
      case "io.stat":
        return this.#ioStat(g);
      default:
        throw new SysError("ENOENT", name);
    }
  }

  writeFile(path: string, name: string, text: string): void {
    const g = this.find(path);
    if (!this.listGroup(path).files.includes(name)) throw new SysError("ENOENT", name);
    const t = text.trim();
    switch (name) {
      case "cgroup.subtree_control":
        return this.#writeSubtreeControl(g, t);
      case "cgroup.procs":
      case "cgroup.threads": {
        // cgroup_procs_write(): one pid per write; an unknown pid is ESRCH.
        if (!/^[0-9]+$/.test(t)) throw new SysError("EINVAL");
        return this.moveProcess(Number(t), g.path);
      }
      case "cpu.max":
        this.sched.setBandwidth(g.taskGroup!, parseCpuMax(t, g.taskGroup!.bandwidth));
        return;
      case "cpu.max.burst":
        this.sched.setBandwidth(g.taskGroup!, parseCpuMaxBurst(t, g.taskGroup!.bandwidth));
        return;
      case "cpu.weight": {
        // cpu_weight_write_u64(): 1..10000, else ERANGE.
        if (!/^[0-9]+$/.test(t)) throw new SysError("EINVAL");
        const w = Number(t);
        if (w < cgroupWeightMin || w > cgroupWeightMax) throw new SysError("ERANGE");
        this.sched.setWeight(g.taskGroup!, w);
        return;
      }
      case "cpu.weight.nice": {
        // cpu_weight_nice_write_s64(): -20..19, else ERANGE; the weight of that nice level.
        if (!/^[+-]?[0-9]+$/.test(t)) throw new SysError("EINVAL");
        const n = Number(t);
        if (n < minNice || n > maxNice) throw new SysError("ERANGE");
        this.sched.setShares(g.taskGroup!, weightOfNice(n));
        return;
      }
      case "memory.max":
        return this.#setMemoryMax(g.memcg!, parseMemoryLimit(t));
      case "memory.high": {
        const m = g.memcg!;
        m.high = parseMemoryLimit(t);
        this.#reclaimFile(m, m.currentBytes - m.high);
        return;
      }
      case "memory.low":
        g.memcg!.low = finite(parseMemoryLimit(t), this.memoryBytes);
        return;
      case "memory.min":
        g.memcg!.min = finite(parseMemoryLimit(t), this.memoryBytes);
        return;
      case "memory.swap.max":
        g.memcg!.swapMax = parseMemoryLimit(t);
        return;
      case "memory.oom.group":
        g.memcg!.oomGroup = parseOomGroup(t);
        return;
      case "io.max": {
        const io = g.io!;
        const { dev, limits } = parseIoMax(t, this.devices, (d) => io.limits.get(devKey(d)) ?? unlimitedIo());
        const unset = limits.bps.every((v) => v === Infinity) && limits.iops.every((v) => v === Infinity);
        if (unset) io.limits.delete(devKey(dev));
        else io.limits.set(devKey(dev), limits);
        io.slices.delete(devKey(dev));
        return;
      }
      case "io.weight": {
        // ioc_weight_write(): "N" or "default N", 1..10000 else EINVAL.
        const m = /^(?:default\s+)?([0-9]+)$/.exec(t);
        if (m === null) throw new SysError("EINVAL");
        const w = Number(m[1]);
        if (w < cgroupWeightMin || w > cgroupWeightMax) throw new SysError("EINVAL");
        g.io!.weight = w;
        return;
      }
      default:
        throw new SysError("EACCES", name);
    }
  }

  /** /proc/sys/kernel/sched_cfs_bandwidth_slice_us */
  readonly sysctl = {
    get: (name: string): string => {
      if (name !== "kernel.sched_cfs_bandwidth_slice_us") throw new SysError("ENOENT", name);
      return `${this.sched.bandwidthSliceUs}\n`;
    },
    set: (name: string, text: string): void => {
      if (name !== "kernel.sched_cfs_bandwidth_slice_us") throw new SysError("ENOENT", name);
      // proc_douintvec_minmax with extra1 = SYSCTL_ONE: an unsigned int >= 1.
      const t = text.trim();
      if (!/^[0-9]+$/.test(t)) throw new SysError("EINVAL");
      const v = Number(t);
      if (v < 1 || v > 2 ** 32 - 1) throw new SysError("EINVAL");
      this.sched.sync();
      this.sched.bandwidthSliceUs = v;
    },
  };

  // ---- processes -----------------------------------------------------------

  spawnProcess(spec: ProcessSpec): Proc {
    if (this.procs.has(spec.pid)) throw new SysError("EEXIST", `pid ${spec.pid}`);
    const g = this.find(spec.cgroup ?? "");
    const proc = new Proc(spec.pid, spec.name, g, spec.onExit);
    this.procs.set(proc.pid, proc);
    g.procs.add(proc);
    for (const th of spec.threads) {
      const task = this.sched.spawn(
        {
          pid: proc.pid,
          tid: th.tid,
          name: spec.name,
          affinity: spec.affinity,
          nice: th.nice ?? 0,
          behaviour: th.behaviour,
          onExit: (exit) => this.#threadExited(proc, exit),
        },
        effectiveTaskGroup(g),
      );
      proc.threads.push(task);
    }
    if (proc.threads.every((t) => t.state === "dead") && proc.exit === undefined) this.#reap(proc);
    return proc;
  }

  /**
   * A process the scheduler does not model (a shell, a command waiting on
   * something else): it is listed in cgroup.procs, can be moved, and the OOM
   * killer can pick it (rss 0), but it uses no CPU. It stays until
   * `detachProcess` or a kill.
   */
  attachProcess(pid: number, name: string, cgroup: string, onExit?: (exit: ProcExit) => void): Proc {
    if (this.procs.has(pid)) throw new SysError("EEXIST", `pid ${pid}`);
    const g = this.find(cgroup);
    const proc = new Proc(pid, name, g, onExit);
    this.procs.set(pid, proc);
    g.procs.add(proc);
    return proc;
  }

  /** The attached process exited on its own (exit(2)). */
  detachProcess(pid: number, code = 0): void {
    const proc = this.procs.get(pid);
    if (proc === undefined) return;
    proc.exit ??= { kind: "exited", code };
    for (const t of [...proc.threads]) this.sched.kill(t, proc.exit);
    this.#reap(proc);
  }

  /** kill -9: every thread ends now. */
  killProcess(pid: number, reason: "oom" | "signal" = "signal"): void {
    const proc = this.procs.get(pid);
    if (proc === undefined) throw new SysError("ESRCH", String(pid));
    proc.exit ??= { kind: "killed", signal: 9, reason };
    for (const t of [...proc.threads]) this.sched.kill(t, proc.exit);
    if (this.procs.has(pid)) this.#reap(proc);
  }

  /** echo PID > cgroup.procs */
  moveProcess(pid: number, path: string): void {
    const proc = this.procs.get(pid);
    if (proc === undefined) throw new SysError("ESRCH", String(pid));
    const g = this.find(path);
    // cgroup_migrate_vet_dst(): no processes in a non-root group that delegates controllers.
    if (g.parent !== undefined && g.subtreeControl.size > 0) throw new SysError("EBUSY");
    proc.cgroup.procs.delete(proc);
    proc.cgroup = g;
    g.procs.add(proc);
    const tg = effectiveTaskGroup(g);
    for (const t of proc.threads) this.sched.move(t, tg);
  }

  setAffinity(pid: number, cpus: readonly number[]): void {
    const proc = this.procs.get(pid);
    if (proc === undefined) throw new SysError("ESRCH", String(pid));
    if (!cpus.some((c) => c >= 0 && c < this.sched.cpuCount)) throw new SysError("EINVAL");
    for (const t of proc.threads) this.sched.setAffinity(t, cpus);
  }

  #threadExited(proc: Proc, exit: TaskExit): void {
    if (proc.threads.every((t) => t.state === "dead")) {
      proc.exit ??= exit;
      this.#reap(proc);
    }
  }

  #reap(proc: Proc): void {
    if (!this.procs.has(proc.pid)) return;
    this.procs.delete(proc.pid);
    proc.cgroup.procs.delete(proc);
    for (const [memcg, bytes] of proc.charges) this.#uncharge(memcg, bytes, "anon");
    proc.charges.clear();
    proc.rssBytes = 0;
    proc.exit ??= { kind: "exited", code: 0 };
    proc.onExit?.(proc.exit);
  }

  // ---- memory --------------------------------------------------------------

  /**
   * Charges anonymous memory a process faults in (try_charge_memcg()). Over
   * a memory.max anywhere up the tree: reclaim page cache there, retry, and
   * after MAX_RECLAIM_RETRIES the OOM killer runs in that group. Returns the
   * memory.high penalty to sleep on the way back to user space, or "killed"
   * when the process itself was the victim.
   */
  chargeAnon(proc: Proc, bytes: number): { killed: boolean; penaltyUs: Microseconds } {
    const memcg = effectiveMemcg(proc.cgroup);
    const pages = Math.ceil(bytes / pageBytes);
    const size = pages * pageBytes;
    for (let guard = 0; guard < 1000; guard++) {
      if (proc.exit !== undefined) return { killed: true, penaltyUs: 0 };
      const over = this.#overLimit(memcg, size);
      if (over === undefined) break;
      memoryEvent(over, "max");
      const need = over.currentBytes + size - over.max;
      if (this.#reclaimFile(over, need) >= need) continue;
      // Each further reclaim attempt fails again and is counted again before the OOM killer.
      memoryEvent(over, "max", maxReclaimRetries);
      if (!over.isRoot) memoryEvent(over, "oom");
      const victim = this.#oomKill(over);
      if (victim === undefined) return { killed: false, penaltyUs: 0 };
      if (proc.exit !== undefined) return { killed: true, penaltyUs: 0 };
    }
    this.#charge(memcg, size, "anon");
    proc.charges.set(memcg, (proc.charges.get(memcg) ?? 0) + size);
    proc.rssBytes += size;
    memcg.pgfault += pages;
    return { killed: false, penaltyUs: this.#overHigh(memcg, pages) };
  }

  /** Frees anonymous memory of a process (munmap). */
  uncharge(proc: Proc, bytes: number): void {
    let left = Math.min(bytes, proc.rssBytes);
    proc.rssBytes -= left;
    for (const [memcg, charged] of proc.charges) {
      const n = Math.min(charged, left);
      this.#uncharge(memcg, n, "anon");
      if (charged - n === 0) proc.charges.delete(memcg);
      else proc.charges.set(memcg, charged - n);
      left -= n;
      if (left <= 0) break;
    }
  }

  /** Charges page cache (buffered reads and writes). Reclaims older cache rather than failing. */
  chargeFile(cgroup: Cgroup, bytes: number): void {
    const memcg = effectiveMemcg(cgroup);
    const size = Math.ceil(bytes / pageBytes) * pageBytes;
    const over = this.#overLimit(memcg, size);
    if (over !== undefined) {
      memoryEvent(over, "max");
      this.#reclaimFile(over, over.currentBytes + size - over.max);
    }
    if (this.#overLimit(memcg, size) !== undefined) return; // no room even after reclaim: not cached
    this.#charge(memcg, size, "file");
    this.#overHigh(memcg, Math.ceil(size / pageBytes));
  }

  #overLimit(memcg: MemCgroup, size: number): MemCgroup | undefined {
    for (const m of memcg.lineage()) if (m.currentBytes + size > m.max) return m;
    return undefined;
  }

  #charge(memcg: MemCgroup, size: number, kind: "anon" | "file"): void {
    if (kind === "anon") memcg.ownAnonBytes += size;
    else memcg.ownFileBytes += size;
    for (const m of memcg.lineage()) {
      if (kind === "anon") m.anonBytes += size;
      else m.fileBytes += size;
      m.peakBytes = Math.max(m.peakBytes, m.currentBytes);
    }
    this.#emitUsage(memcg);
  }

  #uncharge(memcg: MemCgroup, size: number, kind: "anon" | "file"): void {
    if (kind === "anon") memcg.ownAnonBytes -= size;
    else memcg.ownFileBytes -= size;
    for (const m of memcg.lineage()) {
      if (kind === "anon") m.anonBytes -= size;
      else m.fileBytes -= size;
    }
    this.#emitUsage(memcg);
  }

  #emitUsage(memcg: MemCgroup): void {
    if (!this.bus.hasListeners("memory.usage")) return;
    const g = this.#cgroupOfMemcg(memcg);
    if (g === undefined) return;
    this.bus.emit("memory.usage", {
      group: g.path,
      atUs: this.clock.nowUs,
      currentBytes: memcg.currentBytes,
      highBytes: memcg.high,
      maxBytes: memcg.max,
    });
  }

  /** try_to_free_mem_cgroup_pages() without swap: only page cache goes, from the subtree. */
  #reclaimFile(memcg: MemCgroup, needBytes: number): number {
    if (needBytes <= 0) return 0;
    let got = 0;
    for (const m of memcg.subtree()) {
      const take = Math.min(m.ownFileBytes, needBytes - got);
      if (take > 0) {
        this.#uncharge(m, take, "file");
        got += take;
      }
      if (got >= needBytes) break;
    }
    return got;
  }

  /**
   * Over memory.high: reclaim_high() takes page cache back down and counts a
   * "high" event in every group still over its high, then
   * mem_cgroup_handle_over_high() computes the penalty sleep.
   */
  #overHigh(memcg: MemCgroup, pages: number): number {
    let over = false;
    for (const m of memcg.lineage()) {
      if (m.isRoot || m.currentBytes <= m.high) continue;
      this.#reclaimFile(m, m.currentBytes - m.high);
      memoryEvent(m, "high");
      over = true;
    }
    if (!over) return 0;
    return highDelayUs(
      memcg,
      Math.max(pages, memcgChargeBatchPages) === pages ? pages : memcgChargeBatchPages,
    );
  }

  /**
   * mem_cgroup_out_of_memory() → select_bad_process(): the task with the most
   * memory (oom_badness: rss) among the group's processes; with
   * memory.oom.group the whole group of the victim goes
   * (mem_cgroup_get_oom_group()). Returns the victim, or undefined when
   * nothing can be killed.
   */
  #oomKill(memcg: MemCgroup): Proc | undefined {
    const scope = this.#cgroupOfMemcg(memcg);
    if (scope === undefined) return undefined;
    let victim: Proc | undefined;
    for (const g of scope.subtree()) {
      for (const p of g.procs) {
        if (p.exit !== undefined) continue;
        if (victim === undefined || p.rssBytes > victim.rssBytes) victim = p;
      }
    }
    if (victim === undefined) return undefined;
    let groupScope: Cgroup | undefined;
    for (let g: Cgroup | undefined = victim.cgroup; g !== undefined; g = g.parent) {
      if (g.memcg !== undefined && g.memcg.oomGroup) groupScope = g;
      if (g === scope) break;
    }
    const victims =
      groupScope === undefined ? [victim] : [...groupScope.subtree()].flatMap((g) => [...g.procs]);
    if (groupScope !== undefined) memoryEvent(effectiveMemcg(groupScope), "oom_group_kill");
    for (const p of victims) {
      if (p.exit !== undefined) continue;
      // __oom_kill_process() → memcg_memory_event_mm(MEMCG_OOM_KILL) on the victim's memcg.
      memoryEvent(effectiveMemcg(p.cgroup), "oom_kill");
      this.bus.emit("memory.oom", {
        group: scope.path,
        atUs: this.clock.nowUs,
        pid: p.pid,
        name: p.name,
        rssBytes: p.rssBytes,
        groupKill: groupScope !== undefined,
      });
      this.killProcess(p.pid, "oom");
    }
    return victim;
  }

  /** memory_max_write(): reclaim, then OOM-kill until usage fits under the new limit. */
  #setMemoryMax(memcg: MemCgroup, max: number): void {
    memcg.max = max;
    for (let guard = 0; guard < 10_000 && memcg.currentBytes > max; guard++) {
      if (this.#reclaimFile(memcg, memcg.currentBytes - max) > 0) continue;
      memoryEvent(memcg, "oom");
      if (this.#oomKill(memcg) === undefined) break;
    }
  }

  #cgroupOfMemcg(memcg: MemCgroup): Cgroup | undefined {
    for (const g of this.root.subtree()) if (g.memcg === memcg) return g;
    return undefined;
  }

  // ---- io ------------------------------------------------------------------

  /**
   * Issues one bio for a process and tells the caller how long it takes:
   * throttle wait (blk-throttle, at every level of the tree with io.max), then
   * the device. Counts io.stat at every level when dispatched.
   */
  submitIo(
    proc: Proc,
    devName: string,
    dir: IoDir,
    bytes: number,
    queued: boolean,
  ): { waitUs: number } | { doneInUs: number } {
    const dev = this.devices.find((d) => d.name === devName);
    if (dev === undefined) throw new SysError("ENODEV", devName);
    const key = devKey(dev);
    const now = this.clock.nowUs;
    const levels: { io: IoGroupState; limits: IoLimits; slice: ThrottleSlice }[] = [];
    for (let g: Cgroup | undefined = effectiveIoGroup(proc.cgroup); g !== undefined; g = g.parent) {
      const io = g.io;
      const limits = io?.limits.get(key);
      if (io === undefined || limits === undefined) continue;
      let slices = io.slices.get(key);
      if (slices === undefined) io.slices.set(key, (slices = [new ThrottleSlice(), new ThrottleSlice()]));
      levels.push({ io, limits, slice: slices[dir] });
    }
    let wait = 0;
    for (const l of levels)
      wait = Math.max(wait, l.slice.waitUs(now, bytes, l.limits.bps[dir], l.limits.iops[dir], queued));
    if (wait > 0) return { waitUs: wait };
    for (const l of levels) l.slice.charge(now, bytes, l.limits.bps[dir], l.limits.iops[dir]);
    for (let g: Cgroup | undefined = effectiveIoGroup(proc.cgroup); g !== undefined; g = g.parent) {
      if (g.io === undefined) continue;
      let st = g.io.stats.get(key);
      if (st === undefined) g.io.stats.set(key, (st = emptyIoStat()));
      if (dir === 0) {
        st.rbytes += bytes;
        st.rios += 1;
      } else {
        st.wbytes += bytes;
        st.wios += 1;
      }
    }
    return { doneInUs: serviceTimeUs(dev, bytes) };
  }

  /** Time to copy through the page cache (buffered I/O). */
  pageCacheCopyUs(bytes: number): number {
    return Math.ceil((bytes * 1e6) / pageCacheBytesPerSecond);
  }

  // ---- top / systemd-cgtop -------------------------------------------------

  snapshot(): { atUs: number; intervalUs: number; groups: GroupSnapshot[]; tasks: TaskSnapshot[] } {
    this.sched.sync();
    const now = this.clock.nowUs;
    const interval = now - this.#lastSnapshotUs;
    const groups: GroupSnapshot[] = [];
    for (const g of this.root.subtree()) {
      const tg = g.taskGroup;
      const usage = tg === undefined ? 0 : tg.usageUs;
      const last = this.#lastUsage.get(g.path) ?? 0;
      this.#lastUsage.set(g.path, usage);
      const procs = [...g.subtree()].flatMap((x) => [...x.procs]);
      groups.push({
        path: g.path,
        usageUs: Math.floor(usage),
        cpuPercent: interval > 0 ? ((usage - last) / interval) * 100 : 0,
        memoryBytes: effectiveMemcg(g).currentBytes,
        tasks: procs.reduce((n, p) => n + p.threads.filter((t) => t.state !== "dead").length, 0),
        procs: procs.length,
      });
    }
    const tasks: TaskSnapshot[] = [];
    for (const p of [...this.procs.values()].sort((a, b) => a.pid - b.pid)) {
      for (const t of p.threads) {
        if (t.state === "dead") continue;
        const last = this.#lastTaskUs.get(t.tid) ?? 0;
        this.#lastTaskUs.set(t.tid, t.cpuUs);
        tasks.push({
          pid: p.pid,
          tid: t.tid,
          name: p.name,
          cgroup: p.cgroup.path,
          state: t.state === "runnable" ? "R" : "S",
          cpu: t.cpu >= 0 ? t.cpu : t.lastCpu,
          cpuUs: Math.floor(t.cpuUs),
          cpuPercent: interval > 0 ? ((t.cpuUs - last) / interval) * 100 : 0,
          rssBytes: p.rssBytes,
        });
      }
    }
    this.#lastSnapshotUs = now;
    return { atUs: now, intervalUs: interval, groups, tasks };
  }

  // ---- internals -----------------------------------------------------------

  /**
   * cgroup_subtree_control_write(): "+ctrl" / "-ctrl" tokens. Unknown names
   * EINVAL; enabling one the group does not have ENOENT; enabling in a
   * non-root group with processes EBUSY (no internal processes); disabling
   * one a child still delegates EBUSY.
   */
  #writeSubtreeControl(g: Cgroup, text: string): void {
    const enable = new Set<ControllerName>();
    const disable = new Set<ControllerName>();
    for (const tok of text.split(/\s+/).filter((x) => x !== "")) {
      const name = tok.slice(1) as ControllerName;
      if (!controllerNames.includes(name)) throw new SysError("EINVAL", tok);
      if (tok.startsWith("+")) {
        enable.add(name);
        disable.delete(name);
      } else if (tok.startsWith("-")) {
        disable.add(name);
        enable.delete(name);
      } else throw new SysError("EINVAL", tok);
    }
    for (const c of enable) if (!g.controllers.has(c)) throw new SysError("ENOENT", c);
    const adding = [...enable].filter((c) => !g.subtreeControl.has(c));
    if (adding.length > 0 && g.parent !== undefined && g.procs.size > 0) throw new SysError("EBUSY");
    for (const c of disable) {
      if (!g.subtreeControl.has(c)) continue;
      for (const child of g.children.values())
        if (child.subtreeControl.has(c)) throw new SysError("EBUSY", c);
    }
    for (const c of adding) {
      g.subtreeControl.add(c);
      for (const child of g.children.values()) this.#enable(child, c);
    }
    for (const c of disable) {
      if (!g.subtreeControl.has(c)) continue;
      g.subtreeControl.delete(c);
      for (const child of g.children.values()) this.#disable(child, c);
    }
  }

  /** A controller's css comes online in a group with default settings. */
  #enable(g: Cgroup, c: ControllerName): void {
    const parent = g.parent!;
    if (c === "cpu" && g.taskGroup === undefined) {
      g.taskGroup = this.sched.createGroup(g.path, effectiveTaskGroup(parent));
      this.#retargetTasks(g);
    } else if (c === "memory" && g.memcg === undefined) {
      g.memcg = new MemCgroup(effectiveMemcg(parent));
    } else if (c === "io" && g.io === undefined) {
      g.io = newIoState();
    }
  }

  /** The css goes offline: tasks fall back to the parent's group, memory charges are reparented. */
  #disable(g: Cgroup, c: ControllerName): void {
    if (c === "cpu" && g.taskGroup !== undefined) {
      const tg = g.taskGroup;
      g.taskGroup = undefined;
      this.#retargetTasks(g);
      this.sched.destroyGroup(tg);
    } else if (c === "memory" && g.memcg !== undefined) {
      const m = g.memcg;
      const parent = m.parent!;
      g.memcg = undefined;
      parent.ownAnonBytes += m.ownAnonBytes;
      parent.ownFileBytes += m.ownFileBytes;
      for (const p of this.procs.values()) {
        const n = p.charges.get(m);
        if (n !== undefined) {
          p.charges.delete(m);
          p.charges.set(parent, (p.charges.get(parent) ?? 0) + n);
        }
      }
      parent.children.delete(m);
    } else if (c === "io") {
      g.io = undefined;
    }
  }

  #retargetTasks(g: Cgroup): void {
    for (const x of g.subtree()) {
      const tg = effectiveTaskGroup(x);
      for (const p of x.procs) for (const t of p.threads) this.sched.move(t, tg);
    }
  }

  #cpuStat(g: Cgroup): string {
    // cgroup_base_stat_cputime_show() (kernel/cgroup/rstat.c), then cpu_extra_stat_show()
    // (kernel/sched/core.c) where the cpu controller is enabled (always at the root).
    const tg = g.taskGroup ?? (g.parent === undefined ? this.sched.root : undefined);
    const base = tg ?? effectiveTaskGroup(g);
    const usage =
      tg === undefined
        ? this.#usageWithoutCpu(g)
        : { u: base.usageUs, user: base.userUs, sys: base.systemUs };
    let out = `usage_usec ${Math.floor(usage.u)}\nuser_usec ${Math.floor(usage.user)}\nsystem_usec ${Math.floor(usage.sys)}\n`;
    if (tg !== undefined) {
      out +=
        `nr_periods ${tg.nrPeriods}\nnr_throttled ${tg.nrThrottled}\nthrottled_usec ${Math.floor(tg.throttledTimeUs)}\n` +
        `nr_bursts ${tg.nrBursts}\nburst_usec ${Math.floor(tg.burstTimeUs)}\n`;
    }
    return out;
  }

  /** Without the cpu controller, rstat still sums the CPU time of the group's own tasks. */
  #usageWithoutCpu(g: Cgroup): { u: number; user: number; sys: number } {
    let user = 0;
    let sys = 0;
    for (const x of g.subtree()) {
      for (const p of x.procs) {
        for (const t of p.threads) {
          user += t.userUs;
          sys += t.systemUs;
        }
      }
    }
    return { u: user + sys, user, sys };
  }

  /**
   * memory_stat_format(): a subset of the keys, in the kernel's order, with
   * consistent values (anon and file from the counters; active/inactive split
   * as a fresh workload would have it: anon active, file inactive).
   */
  #memoryStat(m: MemCgroup): string {
    const rows: [string, number][] = [
      ["anon", m.anonBytes],
      ["file", m.fileBytes],
      ["kernel", 0],
      ["kernel_stack", 0],
      ["pagetables", Math.floor(m.anonBytes / 512 / pageBytes) * pageBytes],
      ["sock", 0],
      ["shmem", 0],
      ["file_mapped", 0],
      ["file_dirty", 0],
      ["file_writeback", 0],
      ["anon_thp", 0],
      ["inactive_anon", 0],
      ["active_anon", m.anonBytes],
      ["inactive_file", m.fileBytes],
      ["active_file", 0],
      ["unevictable", 0],
      ["pgfault", m.pgfault],
      ["pgmajfault", 0],
    ];
    return rows.map(([k, v]) => `${k} ${v}\n`).join("");
  }

  #ioStat(g: Cgroup): string {
    const io = g.io!;
    return this.devices
      .map((d) => {
        const st = io.stats.get(devKey(d));
        return st === undefined || st.rios + st.wios === 0 ? "" : formatIoStatLine(devKey(d), st);
      })
      .join("");
  }
}

function newIoState(): IoGroupState {
  return { weight: cgroupWeightDefault, limits: new Map(), slices: new Map(), stats: new Map() };
}

function unlimitedIo(): IoLimits {
  return { bps: [Infinity, Infinity], iops: [Infinity, Infinity] };
}

function lineOf(words: readonly string[]): string {
  return `${words.join(" ")}\n`;
}

function finite(bytes: number, cap: number): number {
  return bytes === Infinity ? cap : bytes;
}

export function effectiveTaskGroup(g: Cgroup): TaskGroup {
  for (let x: Cgroup | undefined = g; x !== undefined; x = x.parent)
    if (x.taskGroup !== undefined) return x.taskGroup;
  throw new Error("root has no task group");
}

export function effectiveMemcg(g: Cgroup): MemCgroup {
  for (let x: Cgroup | undefined = g; x !== undefined; x = x.parent)
    if (x.memcg !== undefined) return x.memcg;
  throw new Error("root has no memcg");
}

function effectiveIoGroup(g: Cgroup): Cgroup {
  for (let x: Cgroup | undefined = g; x !== undefined; x = x.parent) if (x.io !== undefined) return x;
  return g;
}
