import { SysError } from "../core/errno";
import { memparse } from "../core/units";

/**
 * The memory controller (mm/memcontrol.c, mm/page_counter.c) reduced to what
 * a reader can observe: hierarchical page counters with max/high/low/min,
 * anonymous and page-cache charges, reclaim of page cache, the OOM killer
 * inside a group, memory.high penalty sleeps, and the event counters.
 */

export const pageBytes = 4096;
/** include/linux/memcontrol.h MEMCG_CHARGE_BATCH: charges are taken 64 pages at a time. */
export const memcgChargeBatchPages = 64;
/** mm/memcontrol.c MAX_RECLAIM_RETRIES: reclaim attempts before the OOM killer. */
export const maxReclaimRetries = 16;
/** CONFIG_HZ of the simulated kernel (Ubuntu 24.04 generic: 1000). */
export const hz = 1000;
/** MEMCG_MAX_HIGH_DELAY_JIFFIES: at most 2 s of penalty per return to user space. */
export const maxHighDelayUs = 2_000_000;
const delayPrecisionShift = 20;
const delayScalingShift = 14;

/** memory.events keys in enum memcg_memory_event order. */
export const memoryEventNames = ["low", "high", "max", "oom", "oom_kill", "oom_group_kill"] as const;
export type MemoryEvent = (typeof memoryEventNames)[number];

export class MemCgroup {
  readonly parent: MemCgroup | undefined;
  readonly children = new Set<MemCgroup>();
  /** Limits in bytes, whole pages; Infinity is "max". */
  max = Infinity;
  high = Infinity;
  low = 0;
  min = 0;
  swapMax = Infinity;
  oomGroup = false;
  /** Charged here and below (page_counter usage), by kind. */
  anonBytes = 0;
  fileBytes = 0;
  /** Charged to this group itself (for memory.stat of a leaf and reclaim order). */
  ownAnonBytes = 0;
  ownFileBytes = 0;
  peakBytes = 0;
  pgfault = 0;
  readonly events = new Map<MemoryEvent, number>(memoryEventNames.map((n) => [n, 0]));
  readonly eventsLocal = new Map<MemoryEvent, number>(memoryEventNames.map((n) => [n, 0]));

  constructor(parent: MemCgroup | undefined) {
    this.parent = parent;
    parent?.children.add(this);
  }

  get currentBytes(): number {
    return this.anonBytes + this.fileBytes;
  }

  get isRoot(): boolean {
    return this.parent === undefined;
  }

  /** Self and ancestors, innermost first. */
  *lineage(): Generator<MemCgroup> {
    yield this;
    for (let m = this.parent; m !== undefined; m = m.parent) yield m;
  }

  *subtree(): Generator<MemCgroup> {
    yield this;
    for (const child of this.children) yield* child.subtree();
  }
}

/** memcg_memory_event(): counted locally, and hierarchically up to (not including) the root. */
export function memoryEvent(memcg: MemCgroup, event: MemoryEvent, count = 1): void {
  memcg.eventsLocal.set(event, memcg.eventsLocal.get(event)! + count);
  for (const m of memcg.lineage()) {
    if (m.isRoot) break;
    m.events.set(event, m.events.get(event)! + count);
  }
}

/**
 * page_counter_memparse(): "max" or a memparse() size, rounded down to whole
 * pages (the write handlers strip surrounding whitespace first).
 */
export function parseMemoryLimit(text: string): number {
  const t = text.trim();
  if (t === "max") return Infinity;
  const bytes = memparse(t);
  return Math.floor(bytes / pageBytes) * pageBytes;
}

/** seq_puts_memcg_tunable(): "max" or bytes. */
export function formatMemoryLimit(bytes: number): string {
  return bytes === Infinity ? "max\n" : `${bytes}\n`;
}

export function parseOomGroup(text: string): boolean {
  const t = text.trim();
  // memory_oom_group_write(): kstrtoint, then only 0 or 1.
  if (!/^[+-]?[0-9]+$/.test(t)) throw new SysError("EINVAL");
  const v = Number(t);
  if (v !== 0 && v !== 1) throw new SysError("EINVAL");
  return v === 1;
}

/**
 * calculate_overage() and calculate_high_delay(): the penalty grows with the
 * square of how far usage is over memory.high, scaled by this charge's share
 * of a MEMCG_CHARGE_BATCH. Returns microseconds; the caller clamps to 2 s and
 * skips penalties of HZ/100 jiffies or less (mem_cgroup_handle_over_high()).
 */
export function highDelayUs(memcg: MemCgroup, nrPages: number): number {
  let maxOverage = 0;
  for (const m of memcg.lineage()) {
    if (m.isRoot) break;
    const usage = Math.floor(m.currentBytes / pageBytes);
    const high = Math.max(m.high === Infinity ? Infinity : Math.floor(m.high / pageBytes), 1);
    if (usage <= high) continue;
    const overage = Math.floor(((usage - high) * 2 ** delayPrecisionShift) / high);
    maxOverage = Math.max(maxOverage, overage);
  }
  if (maxOverage === 0) return 0;
  let penaltyJiffies = Math.floor(
    (maxOverage * maxOverage * hz) / 2 ** (delayPrecisionShift + delayScalingShift),
  );
  penaltyJiffies = Math.floor((penaltyJiffies * nrPages) / memcgChargeBatchPages);
  penaltyJiffies = Math.min(penaltyJiffies, (maxHighDelayUs * hz) / 1_000_000);
  if (penaltyJiffies <= hz / 100) return 0;
  return (penaltyJiffies * 1_000_000) / hz;
}
