import { SysError } from "./errno";

/**
 * Sizes and times parsed and printed the way the kernel and coreutils do.
 */

const binarySuffixes: Record<string, number> = {
  k: 10,
  m: 20,
  g: 30,
  t: 40,
  p: 50,
  e: 60,
};

/**
 * lib/cmdline.c memparse(): a decimal (or 0x hex / 0 octal) number with an
 * optional K, M, G, T, P or E suffix (case-insensitive, powers of 1024).
 * Used by memory.max and friends through page_counter_memparse(). Anything
 * else in the string is EINVAL, as the cgroup write handlers return.
 */
export function memparse(text: string): number {
  const m = /^(0x[0-9a-f]+|0[0-7]*|[1-9][0-9]*)([kmgtpe]?)$/i.exec(text.trim());
  if (m === null) throw new SysError("EINVAL", `not a size: ${text}`);
  const digits = m[1]!;
  const base =
    digits.startsWith("0x") || digits.startsWith("0X")
      ? 16
      : digits.length > 1 && digits.startsWith("0")
        ? 8
        : 10;
  let value = parseInt(base === 16 ? digits.slice(2) : digits, base);
  const suffix = m[2]!.toLowerCase();
  if (suffix !== "") value *= 2 ** binarySuffixes[suffix]!;
  if (!Number.isSafeInteger(value)) throw new SysError("ERANGE", `size too large: ${text}`);
  return value;
}

/**
 * GNU coreutils size arguments (dd bs=, head -c, stress-ng --vm-bytes):
 * K/M/G... are 1024-based, KB/MB/GB 1000-based, with an optional `iB`.
 * Returns undefined when the text is not a size.
 */
export function parseCoreutilsSize(text: string): number | undefined {
  const m = /^([0-9]+)(?:([kKmMgGtTpPeE])(iB|B)?|([bcw]))?$/.exec(text);
  if (m === null) return undefined;
  let value = Number(m[1]);
  if (m[4] === "b") value *= 512;
  else if (m[4] === "w") value *= 2;
  else if (m[2] !== undefined) {
    const power = { k: 1, m: 2, g: 3, t: 4, p: 5, e: 6 }[m[2].toLowerCase()]!;
    value *= (m[3] === "B" ? 1000 : 1024) ** power;
  }
  return Number.isSafeInteger(value) ? value : undefined;
}

/**
 * GNU sleep / timeout durations: a non-negative decimal with an optional s, m,
 * h or d suffix. Returns microseconds, or undefined when invalid.
 */
export function parseDurationUs(text: string): number | undefined {
  const m = /^([0-9]*\.?[0-9]+)([smhd]?)$/.exec(text);
  if (m === null) return undefined;
  const scale = { "": 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as "" | "s" | "m" | "h" | "d"];
  const us = Number(m[1]) * scale * 1_000_000;
  return Number.isFinite(us) ? Math.round(us) : undefined;
}

/**
 * `ls -h` / `df -h` style: powers of 1024, one decimal below 10, rounded up
 * like coreutils' human_ceiling, suffix without "B" (e.g. 4.0K, 12M, 1.5G).
 */
export function formatHumanSize(bytes: number): string {
  const units = ["K", "M", "G", "T", "P", "E"];
  if (bytes < 1024) return String(bytes);
  let value = bytes;
  let unit = -1;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  if (value < 10) {
    const up = Math.ceil(value * 10) / 10;
    if (up >= 10) return `${up.toFixed(0)}${units[unit]!}`;
    return `${up.toFixed(1)}${units[unit]!}`;
  }
  const up = Math.ceil(value);
  if (up >= 1024 && unit < units.length - 1) return `1.0${units[unit + 1]!}`;
  return `${up}${units[unit]!}`;
}

/**
 * dd's throughput figure: SI units (kB, MB, GB) with up to 3 significant
 * digits, as coreutils' human_readable with human_autoscale | human_SI.
 */
export function formatSiRate(bytesPerSecond: number): string {
  const units = ["B", "kB", "MB", "GB", "TB", "PB"];
  let value = bytesPerSecond;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const text = value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
  return `${text.replace(/\.?0+$/, (s) => (s.startsWith(".") ? "" : s))} ${units[unit]!}/s`;
}

/** dd: "1.0 MiB"-style IEC size with one decimal, coreutils human_readable with human_base_1024. */
export function formatIecSize(bytes: number): string {
  const units = ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
  if (bytes < 1024) return `${bytes} B`;
  let value = bytes;
  let unit = -1;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 10 ? value.toFixed(0) : value.toFixed(1)} ${units[unit]!}`;
}

/** dd: "1.0 MB"-style SI size. */
export function formatSiSize(bytes: number): string {
  const units = ["kB", "MB", "GB", "TB", "PB", "EB"];
  if (bytes < 1000) return `${bytes} B`;
  let value = bytes;
  let unit = -1;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value >= 10 ? value.toFixed(0) : value.toFixed(1)} ${units[unit]!}`;
}
