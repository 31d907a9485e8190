/**
 * Load weights the way kernel/sched/core.c maps nice levels and cgroup
 * weights onto CFS shares.
 */

/**
 * kernel/sched/core.c sched_prio_to_weight[40]: nice -20 .. 19. Each step is
 * ~1.25x, so one nice level is worth ~10% CPU against a neighbour; nice 0 is 1024.
 */
export const schedPrioToWeight: readonly number[] = [
  88761, 71755, 56483, 46273, 36291, 29154, 23254, 18705, 14949, 11916, 9548, 7620, 6100, 4904, 3906, 3121,
  2501, 1991, 1586, 1277, 1024, 820, 655, 526, 423, 335, 272, 215, 172, 137, 110, 87, 70, 56, 45, 36, 29, 23,
  18, 15,
];

export const niceZeroWeight = 1024;
/** include/linux/sched/prio.h MIN_NICE / MAX_NICE. */
export const minNice = -20;
export const maxNice = 19;
/** include/linux/cgroup.h CGROUP_WEIGHT_MIN / DFL / MAX. */
export const cgroupWeightMin = 1;
export const cgroupWeightDefault = 100;
export const cgroupWeightMax = 10000;
/** kernel/sched/sched.h MIN_SHARES: a group entity never weighs less than 2. */
export const minShares = 2;

export function weightOfNice(nice: number): number {
  return schedPrioToWeight[Math.min(maxNice, Math.max(minNice, nice)) - minNice]!;
}

/** sched_weight_from_cgroup(): DIV_ROUND_CLOSEST_ULL(weight * 1024, CGROUP_WEIGHT_DFL). */
export function sharesFromCgroupWeight(weight: number): number {
  return Math.floor((weight * niceZeroWeight + cgroupWeightDefault / 2) / cgroupWeightDefault);
}

/** sched_weight_to_cgroup(): DIV_ROUND_CLOSEST_ULL(shares * CGROUP_WEIGHT_DFL, 1024). */
export function cgroupWeightFromShares(shares: number): number {
  return Math.floor((shares * cgroupWeightDefault + niceZeroWeight / 2) / niceZeroWeight);
}

/**
 * cpu_weight_nice_read(): the nice level whose weight is closest to the
 * group's shares (the first one wins on a tie, scanning from nice -20).
 */
export function niceFromShares(shares: number): number {
  let best = 0;
  let bestDelta = Infinity;
  for (let i = 0; i < schedPrioToWeight.length; i++) {
    const delta = Math.abs(schedPrioToWeight[i]! - shares);
    if (delta >= bestDelta) break;
    best = i;
    bestDelta = delta;
  }
  return best + minNice;
}
