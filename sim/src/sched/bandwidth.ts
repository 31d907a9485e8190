import { SysError } from "../core/errno";

/**
 * CFS bandwidth constants and the cpu.max / cpu.max.burst text formats.
 * Sources: kernel/sched/core.c (tg_set_bandwidth, cpu_period_quota_parse,
 * cpu_period_quota_print), kernel/sched/fair.c (slice, slack timer),
 * Documentation/admin-guide/cgroup-v2.rst "CPU Interface Files".
 */

/** sched.h default_bw_period_us(): 100 ms. */
export const defaultPeriodUs = 100_000;
/** core.c min_bw_quota_period_us (1 ms) and max_bw_quota_period_us (1 s). */
export const minQuotaPeriodUs = 1_000;
export const maxQuotaPeriodUs = 1_000_000;
/** core.c max_bw_runtime_us = MAX_BW = (1 << (64 - BW_SHIFT)) - 1, BW_SHIFT 20: "more than 203 days". */
export const maxRuntimeUs = 2 ** 44 - 1;
/** fair.c sysctl_sched_cfs_bandwidth_slice: 5000 us, sysctl minimum SYSCTL_ONE. */
export const defaultBandwidthSliceUs = 5_000;
/** fair.c min_cfs_rq_runtime: a queue going idle keeps 1 ms of its local runtime. */
export const minCfsRqRuntimeUs = 1_000;
/** fair.c cfs_bandwidth_slack_period: 5 ms. */
export const slackPeriodUs = 5_000;
/** fair.c min_bandwidth_expiration: no slack distribution within 2 ms of a refresh. */
export const minBandwidthExpirationUs = 2_000;

export interface BandwidthConfig {
  /** Microseconds per period, or Infinity for "max". */
  readonly quotaUs: number;
  readonly periodUs: number;
  readonly burstUs: number;
}

export const unlimitedBandwidth: BandwidthConfig = {
  quotaUs: Infinity,
  periodUs: defaultPeriodUs,
  burstUs: 0,
};

/** sscanf("%llu")-like: leading decimal digits of a token, or undefined when none. */
function scanU64(token: string): number | undefined {
  const m = /^\+?([0-9]+)/.exec(token);
  if (m === null) return undefined;
  return Number(m[1]);
}

/**
 * cpu_max_write() → cpu_period_quota_parse(): "$QUOTA [$PERIOD]", QUOTA a
 * number or "max"; a missing period keeps the current one. Then
 * tg_set_bandwidth() bounds: quota and period >= 1 ms, period <= 1 s,
 * quota <= max_bw_runtime_us, burst <= quota and burst + quota <= max.
 */
export function parseCpuMax(text: string, current: BandwidthConfig): BandwidthConfig {
  const tokens = text.trim().split(/\s+/);
  const first = tokens[0];
  if (first === undefined || first === "") throw new SysError("EINVAL", "cpu.max: empty");
  let periodUs = current.periodUs;
  if (tokens[1] !== undefined) {
    const p = scanU64(tokens[1]);
    if (p !== undefined) periodUs = p;
  }
  let quotaUs: number;
  const q = scanU64(first);
  if (q !== undefined) quotaUs = q;
  else if (first === "max") quotaUs = Infinity;
  else throw new SysError("EINVAL", `cpu.max: bad quota ${first}`);
  return checkBandwidth({ quotaUs, periodUs, burstUs: current.burstUs });
}

/** cpu_burst_write_u64() → tg_set_bandwidth() with the current period and quota. */
export function parseCpuMaxBurst(text: string, current: BandwidthConfig): BandwidthConfig {
  const t = text.trim();
  if (!/^[0-9]+$/.test(t)) throw new SysError("EINVAL", "cpu.max.burst: not a number");
  return checkBandwidth({ quotaUs: current.quotaUs, periodUs: current.periodUs, burstUs: Number(t) });
}

export function checkBandwidth(c: BandwidthConfig): BandwidthConfig {
  const { quotaUs, periodUs, burstUs } = c;
  if (quotaUs < minQuotaPeriodUs || periodUs < minQuotaPeriodUs) throw new SysError("EINVAL", "below 1ms");
  if (periodUs > maxQuotaPeriodUs) throw new SysError("EINVAL", "period above 1s");
  if (quotaUs !== Infinity && quotaUs > maxRuntimeUs) throw new SysError("EINVAL", "quota too large");
  if (quotaUs !== Infinity && (burstUs > quotaUs || burstUs + quotaUs > maxRuntimeUs))
    throw new SysError("EINVAL", "burst above quota");
  return c;
}

/** cpu_period_quota_print(): "max 100000\n" or "50000 100000\n". */
export function formatCpuMax(c: BandwidthConfig): string {
  return `${c.quotaUs === Infinity ? "max" : String(c.quotaUs)} ${c.periodUs}\n`;
}
