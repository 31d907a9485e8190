/**
 * What the throttling timeline draws, as plain data: the model's events
 * (`cpu.segment`, `cpu.period`, `memory.usage`, `memory.oom` on the
 * CgroupHost bus) folded into a bounded window of simulated time. No DOM, no
 * model rules: every state, usage and throttle here is what the model said;
 * this file only clips, merges and sums it for the picture and its text.
 */
import type { EventBus } from "@vmlab/sim/core/events";
import type { CgroupHostEvents } from "@vmlab/sim/cgroup/host";

export type SegmentEvent = CgroupHostEvents["cpu.segment"];
export type PeriodEvent = CgroupHostEvents["cpu.period"];
export type MemoryEvent = CgroupHostEvents["memory.usage"];
export type OomEvent = CgroupHostEvents["memory.oom"];
export type ThrottleEvent = CgroupHostEvents["cpu.throttle"];
export type CpuState = SegmentEvent["state"];

/** One second of simulated time: ten periods at the default cpu.max period of 100 ms. */
export const defaultWindowUs = 1_000_000;
/** Segments kept per CPU at most, whatever happens (the window normally prunes far earlier). */
const maxSegmentsPerCpu = 4000;

export interface Span {
  readonly startUs: number;
  readonly endUs: number;
  readonly state: CpuState;
  /** Groups whose queue on this CPU was throttled during the span. */
  readonly throttledGroups: readonly string[];
  /** Groups that had a task running on this CPU during the span. */
  readonly runningGroups: readonly string[];
}

export interface PeriodView {
  /** nr_periods of the group after this period (the kernel's count, 1-based). */
  readonly index: number;
  readonly group: string;
  readonly startUs: number;
  readonly endUs: number;
  readonly quotaUs: number;
  readonly usageUs: number;
  readonly throttled: boolean;
  /** CPUs on which the group was throttled at some time in this period. */
  readonly throttledCpus: number;
  /** Throttled time summed over CPUs (as throttled_usec sums it), within this period. */
  readonly throttledUs: number;
}

export interface MemoryView {
  readonly group: string;
  readonly currentBytes: number;
  readonly highBytes: number;
  readonly maxBytes: number;
  /** Highest memory.current reported in the window. */
  readonly peakBytes: number;
}

export interface TimelineView {
  readonly startUs: number;
  readonly endUs: number;
  readonly lanes: readonly { readonly cpu: number; readonly spans: readonly Span[] }[];
  /** The group whose periods are drawn: the one with a quota that reported last. */
  readonly group: string | undefined;
  readonly periods: readonly PeriodView[];
  readonly memory: MemoryView | undefined;
  readonly ooms: readonly OomEvent[];
  /** Sums over the periods of `group` that ended inside the window. */
  readonly totals: {
    readonly periods: number;
    readonly throttledPeriods: number;
    readonly usageUs: number;
    readonly quotaUs: number;
    readonly throttledUs: number;
  };
  /** Nothing recorded yet: the picture shows its static explanation. */
  readonly empty: boolean;
}

interface StoredSpan extends Span {
  endUs: number;
}

/** A group's queue throttled on one CPU, from throttle_cfs_rq() to unthrottle_cfs_rq() (open: Infinity). */
interface Throttle {
  readonly group: string;
  readonly startUs: number;
  endUs: number;
}

const sameList = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);

export class TimelineRecorder {
  readonly windowUs: number;
  #cpus: number;
  #lanes: StoredSpan[][];
  #throttles: Throttle[][];
  #periods: PeriodEvent[] = [];
  #memory = new Map<string, { last: MemoryEvent; samples: { atUs: number; bytes: number }[] }>();
  #memoryFocus: string | undefined;
  #ooms: OomEvent[] = [];
  #lastEventUs = 0;
  #events = 0;

  constructor(cpus: number, windowUs = defaultWindowUs) {
    this.#cpus = cpus;
    this.windowUs = windowUs;
    this.#lanes = Array.from({ length: cpus }, () => []);
    this.#throttles = Array.from({ length: cpus }, () => []);
  }

  /** Events recorded so far (the island redraws only when this moves). */
  get events(): number {
    return this.#events;
  }

  get lastEventUs(): number {
    return this.#lastEventUs;
  }

  /** Follows a CgroupHost's bus; returns the unsubscribe function. */
  attach(bus: EventBus<CgroupHostEvents>): () => void {
    const offs = [
      bus.on("cpu.segment", (e) => this.segment(e)),
      bus.on("cpu.period", (e) => this.period(e)),
      bus.on("cpu.throttle", (e) => this.throttle(e)),
      bus.on("memory.usage", (e) => this.memory(e)),
      bus.on("memory.oom", (e) => this.oom(e)),
    ];
    return () => {
      for (const off of offs) off();
    };
  }

  #grow(cpu: number): void {
    while (cpu >= this.#cpus) {
      this.#lanes.push([]);
      this.#throttles.push([]);
      this.#cpus++;
    }
  }

  segment(e: SegmentEvent): void {
    this.#grow(e.cpu);
    const lane = this.#lanes[e.cpu]!;
    const runningGroups = [...new Set(e.running.map((r) => r.group))].sort();
    const throttledGroups = [...e.throttledGroups].sort();
    const last = lane.at(-1);
    // Consecutive decision points that changed nothing we draw become one span.
    if (
      last !== undefined &&
      last.endUs === e.startUs &&
      last.state === e.state &&
      sameList(last.throttledGroups, throttledGroups) &&
      sameList(last.runningGroups, runningGroups)
    ) {
      last.endUs = e.endUs;
    } else {
      lane.push({ startUs: e.startUs, endUs: e.endUs, state: e.state, throttledGroups, runningGroups });
    }
    this.#touch(e.endUs);
  }

  /**
   * The throttle intervals come from `cpu.throttle`, not from the segments'
   * `throttledGroups`: a throttled queue's tasks are off the CPU, so the
   * segment alone cannot tell a throttled CPU from an idle one.
   */
  throttle(e: ThrottleEvent): void {
    this.#grow(e.cpu);
    const list = this.#throttles[e.cpu]!;
    const open = list.find((t) => t.group === e.group && t.endUs === Infinity);
    if (e.throttled && open === undefined) list.push({ group: e.group, startUs: e.atUs, endUs: Infinity });
    else if (!e.throttled && open !== undefined) open.endUs = e.atUs;
    this.#touch(e.atUs);
  }

  period(e: PeriodEvent): void {
    this.#periods.push(e);
    this.#touch(e.atUs);
  }

  memory(e: MemoryEvent): void {
    if (e.group !== "/") {
      let m = this.#memory.get(e.group);
      if (m === undefined) this.#memory.set(e.group, (m = { last: e, samples: [] }));
      m.last = e;
      m.samples.push({ atUs: e.atUs, bytes: e.currentBytes });
      this.#memoryFocus = e.group;
    }
    this.#touch(e.atUs);
  }

  oom(e: OomEvent): void {
    this.#ooms.push(e);
    this.#memoryFocus = e.group === "/" ? this.#memoryFocus : e.group;
    this.#touch(e.atUs);
  }

  #touch(atUs: number): void {
    this.#events++;
    if (atUs > this.#lastEventUs) this.#lastEventUs = atUs;
    this.#prune();
  }

  /** Drops what ended before two windows ago, so memory stays bounded however long the run. */
  #prune(): void {
    const horizon = this.#lastEventUs - 2 * this.windowUs;
    for (const lane of this.#lanes) {
      let drop = 0;
      while (drop < lane.length && lane[drop]!.endUs < horizon) drop++;
      if (lane.length - drop > maxSegmentsPerCpu) drop = lane.length - maxSegmentsPerCpu;
      if (drop > 0) lane.splice(0, drop);
    }
    for (const list of this.#throttles) {
      if (list.some((t) => t.endUs < horizon))
        list.splice(0, list.length, ...list.filter((t) => t.endUs >= horizon));
    }
    if (this.#periods.length > 0 && this.#periods[0]!.atUs < horizon)
      this.#periods = this.#periods.filter((p) => p.atUs >= horizon);
    if (this.#ooms.length > 0 && this.#ooms[0]!.atUs < horizon)
      this.#ooms = this.#ooms.filter((o) => o.atUs >= horizon);
    for (const m of this.#memory.values()) {
      if (m.samples.length > 0 && m.samples[0]!.atUs < horizon)
        m.samples = m.samples.filter((s) => s.atUs >= horizon);
    }
  }

  /**
   * The window ending at `nowUs` (the lab's clock), or at the last event if
   * that is later. `runningNow(cpu)` names the groups running on a CPU at
   * present, for the stretch after its last reported segment (a CPU busy
   * without a decision point reports nothing until the next one).
   */
  view(nowUs: number, runningNow?: (cpu: number) => readonly string[]): TimelineView {
    const endUs = Math.max(nowUs, this.#lastEventUs);
    const startUs = Math.max(0, endUs - this.windowUs);
    const lanes = this.#lanes.map((lane, cpu) => ({
      cpu,
      spans: this.#spans(lane, this.#throttles[cpu]!, startUs, endUs, runningNow?.(cpu) ?? []),
    }));
    const group = this.#periods.at(-1)?.group;
    const periods = this.#periods
      .filter((p) => p.group === group && p.atUs > startUs && p.atUs <= endUs)
      .map((p) => this.#periodView(p));
    const focus = this.#memoryFocus === undefined ? undefined : this.#memory.get(this.#memoryFocus);
    const memory: MemoryView | undefined =
      focus === undefined
        ? undefined
        : {
            group: focus.last.group,
            currentBytes: focus.last.currentBytes,
            highBytes: focus.last.highBytes,
            maxBytes: focus.last.maxBytes,
            peakBytes: Math.max(
              focus.last.currentBytes,
              ...focus.samples.filter((s) => s.atUs > startUs).map((s) => s.bytes),
            ),
          };
    return {
      startUs,
      endUs,
      lanes,
      group,
      periods,
      memory,
      ooms: this.#ooms.filter((o) => o.atUs > startUs && o.atUs <= endUs),
      totals: {
        periods: periods.length,
        throttledPeriods: periods.filter((p) => p.throttled).length,
        usageUs: periods.reduce((n, p) => n + p.usageUs, 0),
        quotaUs: periods.reduce((n, p) => n + p.quotaUs, 0),
        throttledUs: periods.reduce((n, p) => n + p.throttledUs, 0),
      },
      empty: this.#events === 0,
    };
  }

  /**
   * One CPU's lane over [startUs, endUs): the reported segments cut at every
   * throttle and unthrottle, a span "throttled" when nothing runs and a group
   * is throttled there. After the CPU's last segment, `tail` (what runs there
   * now) fills in until the model reports the next one.
   */
  #spans(
    lane: readonly StoredSpan[],
    throttles: readonly Throttle[],
    startUs: number,
    endUs: number,
    tail: readonly string[],
  ): Span[] {
    const reportedUntil = lane.at(-1)?.endUs ?? 0;
    const tailGroups = [...new Set(tail)].sort();
    const cuts = new Set<number>([startUs, endUs]);
    const segs = lane.filter((s) => s.endUs > startUs && s.startUs < endUs);
    const thr = throttles.filter((t) => t.endUs > startUs && t.startUs < endUs);
    for (const s of segs) cuts.add(Math.max(s.startUs, startUs)).add(Math.min(s.endUs, endUs));
    for (const t of thr) cuts.add(Math.max(t.startUs, startUs)).add(Math.min(t.endUs, endUs));
    const points = [...cuts].sort((a, b) => a - b);
    const out: Span[] = [];
    let si = 0;
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i]!;
      const b = points[i + 1]!;
      while (si < segs.length && segs[si]!.endUs <= a) si++;
      const seg = si < segs.length && segs[si]!.startUs <= a ? segs[si] : undefined;
      const runningGroups =
        seg?.state === "running" ? seg.runningGroups : a >= reportedUntil ? tailGroups : [];
      const throttledGroups = [
        ...new Set([
          ...(seg?.throttledGroups ?? []),
          ...thr.filter((t) => t.startUs <= a && t.endUs >= b).map((t) => t.group),
        ]),
      ].sort();
      const state: CpuState =
        runningGroups.length > 0 ? "running" : throttledGroups.length > 0 ? "throttled" : "idle";
      const last = out.at(-1);
      if (
        last !== undefined &&
        last.state === state &&
        sameList(last.runningGroups, runningGroups) &&
        sameList(last.throttledGroups, throttledGroups)
      ) {
        out[out.length - 1] = { ...last, endUs: b };
      } else out.push({ startUs: a, endUs: b, state, runningGroups, throttledGroups });
    }
    return out;
  }

  #periodView(p: PeriodEvent): PeriodView {
    const startUs = p.atUs - p.periodUs;
    let throttledUs = 0;
    let throttledCpus = 0;
    for (const list of this.#throttles) {
      let onThisCpu = 0;
      for (const t of list) {
        if (t.group !== p.group || t.endUs <= startUs || t.startUs >= p.atUs) continue;
        onThisCpu += Math.min(t.endUs, p.atUs) - Math.max(t.startUs, startUs);
      }
      if (onThisCpu > 0) throttledCpus++;
      throttledUs += onThisCpu;
    }
    return {
      index: p.nrPeriods,
      group: p.group,
      startUs,
      endUs: p.atUs,
      quotaUs: p.quotaUs,
      usageUs: p.usageUs,
      throttled: p.throttled,
      throttledCpus,
      throttledUs,
    };
  }
}

/** "{n} ms" templates: replaces each {key} with its value. */
export function fill(template: string, params: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in params ? String(params[key]) : whole,
  );
}

/** Microseconds as milliseconds for the labels: whole numbers, one decimal under 10 ms. */
export function ms(us: number): string {
  const v = us / 1000;
  return v < 10 && v !== Math.round(v) ? v.toFixed(1) : String(Math.round(v));
}

/** Bytes in MiB for the memory row. */
export function mib(bytes: number): string {
  const v = bytes / 2 ** 20;
  return v < 10 && v !== Math.round(v) ? v.toFixed(1) : String(Math.round(v));
}
