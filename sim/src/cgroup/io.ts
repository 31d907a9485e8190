import { SysError } from "../core/errno";

/**
 * Block devices and the io controller's blk-throttle (block/blk-throttle.c)
 * and statistics (block/blk-cgroup.c).
 */

export interface BlockDeviceSpec {
  readonly name: string;
  readonly major: number;
  readonly minor: number;
  readonly sizeBytes: number;
  /** Sequential throughput of the device model. */
  readonly bytesPerSecond: number;
  /** Fixed cost per request (1 / IOPS at tiny sizes). */
  readonly latencyUs: number;
}

export const defaultBlockDevices: readonly BlockDeviceSpec[] = [
  { name: "sda", major: 8, minor: 0, sizeBytes: 64 * 2 ** 30, bytesPerSecond: 500e6, latencyUs: 50 },
];

/** Service time of one request on the device model: latency plus transfer. */
export function serviceTimeUs(dev: BlockDeviceSpec, bytes: number): number {
  return Math.ceil(dev.latencyUs + (bytes * 1e6) / dev.bytesPerSecond);
}

export type IoDir = 0 | 1; // READ, WRITE

export interface IoLimits {
  /** rbps, wbps, riops, wiops; Infinity is "max". */
  bps: [number, number];
  iops: [number, number];
}

export function devKey(dev: BlockDeviceSpec): string {
  return `${dev.major}:${dev.minor}`;
}

/**
 * tg_set_limit(): "MAJ:MIN key=value...", value a number or "max"; 0 is
 * ERANGE, an unknown key or a malformed token EINVAL; a device that does not
 * exist ENODEV (blkg_conf_open_bdev). Returns the device and the new limits.
 */
export function parseIoMax(
  text: string,
  devices: readonly BlockDeviceSpec[],
  current: (dev: BlockDeviceSpec) => IoLimits,
): { dev: BlockDeviceSpec; limits: IoLimits } {
  const tokens = text.trim().split(/\s+/);
  const m = /^([0-9]+):([0-9]+)$/.exec(tokens[0] ?? "");
  if (m === null) throw new SysError("EINVAL", "io.max: expected MAJ:MIN");
  const dev = devices.find((d) => d.major === Number(m[1]) && d.minor === Number(m[2]));
  if (dev === undefined) throw new SysError("ENODEV");
  const cur = current(dev);
  const limits: IoLimits = { bps: [...cur.bps], iops: [...cur.iops] };
  for (const token of tokens.slice(1)) {
    const eq = token.indexOf("=");
    if (eq < 0) throw new SysError("EINVAL", `io.max: ${token}`);
    const key = token.slice(0, eq);
    const valueText = token.slice(eq + 1);
    let value: number;
    const num = /^[0-9]+/.exec(valueText);
    if (num !== null) value = Number(num[0]);
    else if (valueText === "max") value = Infinity;
    else throw new SysError("EINVAL", `io.max: ${token}`);
    if (value === 0) throw new SysError("ERANGE");
    if (key === "rbps") limits.bps[0] = value;
    else if (key === "wbps") limits.bps[1] = value;
    // iops are clamped to UINT_MAX, which tg_prfill_limit() prints as "max".
    else if (key === "riops") limits.iops[0] = value >= 2 ** 32 - 1 ? Infinity : value;
    else if (key === "wiops") limits.iops[1] = value >= 2 ** 32 - 1 ? Infinity : value;
    else throw new SysError("EINVAL", `io.max: unknown key ${key}`);
  }
  return { dev, limits };
}

/** tg_prfill_limit(): one line per device with any limit set, "max" for the others. */
export function formatIoMaxLine(dev: BlockDeviceSpec, l: IoLimits): string {
  const v = (x: number): string => (x === Infinity ? "max" : String(x));
  return `${devKey(dev)} rbps=${v(l.bps[0])} wbps=${v(l.bps[1])} riops=${v(l.iops[0])} wiops=${v(l.iops[1])}\n`;
}

/** blk-throttle.c DFL_THROTL_SLICE: 100 ms. */
export const throtlSliceUs = 100_000;

/**
 * One group's throttle state for one device and direction (struct
 * throtl_grp's slice_start/slice_end/bytes_disp/io_disp).
 *
 * Simplification: a bio is the whole request (no splitting), HZ-granular
 * jiffies are replaced by microseconds, and carryover on limit changes is not
 * kept (a new limit starts a new slice).
 */
export class ThrottleSlice {
  sliceStartUs = 0;
  sliceEndUs = 0;
  bytesDisp = 0;
  iosDisp = 0;

  /** throtl_start_new_slice(). */
  start(now: number): void {
    this.sliceStartUs = now;
    this.sliceEndUs = now + throtlSliceUs;
    this.bytesDisp = 0;
    this.iosDisp = 0;
  }

  /**
   * tg_may_dispatch(): how long a bio of `bytes` must wait before it is
   * within both limits (0 = now). `queued` is true when the bio was already
   * waiting (then the slice is extended, never restarted). Follows
   * tg_within_bps_limit()/tg_within_iops_limit(): the allowance is computed
   * over the elapsed time rounded up to a whole slice, so a fresh slice
   * starts with a slice's worth of budget.
   */
  waitUs(now: number, bytes: number, bps: number, iops: number, queued: boolean): number {
    if (bps === Infinity && iops === Infinity) return 0;
    const used = !(now >= this.sliceStartUs && now <= this.sliceEndUs);
    if (used && !queued) this.start(now);
    else if (this.sliceEndUs < now + throtlSliceUs) this.sliceEndUs = now + throtlSliceUs;
    const since = now - this.sliceStartUs;
    const rounded = Math.ceil((since + 1) / throtlSliceUs) * throtlSliceUs;
    let wait = 0;
    if (bps !== Infinity) {
      const allowed = Math.floor((bps * rounded) / 1e6);
      if (this.bytesDisp + bytes > allowed) {
        const extra = this.bytesDisp + bytes - allowed;
        wait = Math.max(wait, Math.max(1, Math.floor((extra * 1e6) / bps)) + (rounded - since));
      }
    }
    if (iops !== Infinity) {
      const allowed = Math.floor((iops * rounded) / 1e6);
      if (!(allowed > 0 && this.iosDisp + 1 <= allowed)) {
        wait = Math.max(wait, rounded - since, Math.floor(1e6 / iops) + 1);
      }
    }
    return wait;
  }

  /**
   * throtl_charge_bio(), then throtl_trim_slice(): the slice end moves to a
   * slice from now, and whole slices older than the last one are dropped with
   * the budget they granted (never below zero).
   */
  charge(now: number, bytes: number, bps: number, iops: number): void {
    this.bytesDisp += bytes;
    this.iosDisp += 1;
    this.sliceEndUs = now + throtlSliceUs;
    let elapsed = Math.floor((now - this.sliceStartUs) / throtlSliceUs) * throtlSliceUs;
    if (elapsed < 2 * throtlSliceUs) return;
    elapsed -= throtlSliceUs;
    if (bps !== Infinity) this.bytesDisp = Math.max(0, this.bytesDisp - Math.floor((bps * elapsed) / 1e6));
    if (iops !== Infinity) this.iosDisp = Math.max(0, this.iosDisp - Math.floor((iops * elapsed) / 1e6));
    this.sliceStartUs += elapsed;
  }
}

/** blkg_iostat counters of one group on one device. */
export interface IoStat {
  rbytes: number;
  wbytes: number;
  rios: number;
  wios: number;
  dbytes: number;
  dios: number;
}

export function emptyIoStat(): IoStat {
  return { rbytes: 0, wbytes: 0, rios: 0, wios: 0, dbytes: 0, dios: 0 };
}

/** blkcg_print_one_stat(). */
export function formatIoStatLine(key: string, s: IoStat): string {
  return `${key} rbytes=${s.rbytes} wbytes=${s.wbytes} rios=${s.rios} wios=${s.wios} dbytes=${s.dbytes} dios=${s.dios}\n`;
}
