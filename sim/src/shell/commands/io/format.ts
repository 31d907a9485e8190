/**
 * Output formats of the tools the I/O lab runs, written from their sources:
 * GNU dd's transfer summary (coreutils src/dd.c print_xfer_stats with
 * gnulib lib/human.c human_readable), util-linux `hexdump -C`, vim's `xxd`,
 * and the kernel's string_get_size() for the guest's boot lines.
 */

const siPrefix = ["", "k", "M", "G", "T", "P", "E"];
const iecPrefix = ["", "K", "M", "G", "T", "P", "E"];

/**
 * gnulib human_readable() with human_autoscale | human_round_to_nearest |
 * human_space_before_unit | human_SI | human_B (and human_base_1024 when
 * `iec`), for `n` in units of `from` converted to units of `to`. When the
 * conversion is exact in integers it keeps one tenth digit below 10; the
 * floating path keeps "%.1f" unless that is longer than 3 (IEC) or 4 (SI)
 * characters, so rates print "27.0 MB/s" and sizes "1.1 GB".
 */
export function humanReadable(n: bigint, iec: boolean, from = 1n, to = 1n): string {
  const base = iec ? 1024n : 1000n;
  const maxExp = 6;
  let amt: bigint;
  let tenths: bigint;
  let rounding: bigint;
  let exponent: number;
  let text: string;
  let integerPath = false;
  if (to <= from && from % to === 0n) {
    amt = n * (from / to);
    tenths = 0n;
    rounding = 0n;
    integerPath = true;
  } else if (to > from && to % from === 0n) {
    const divisor = to / from;
    const r10 = (n % divisor) * 10n;
    const r2 = (r10 % divisor) * 2n;
    amt = n / divisor;
    tenths = r10 / divisor;
    rounding = r2 < divisor ? (r2 > 0n ? 1n : 0n) : divisor < r2 ? 3n : 2n;
    integerPath = true;
  } else {
    amt = 0n;
    tenths = 0n;
    rounding = 0n;
  }
  if (integerPath) {
    let point = "";
    exponent = 0;
    if (base <= amt) {
      do {
        const r10 = (amt % base) * 10n + tenths;
        const r2 = (r10 % base) * 2n + (rounding >> 1n);
        amt /= base;
        tenths = r10 / base;
        rounding = r2 < base ? (r2 + rounding !== 0n ? 1n : 0n) : base < r2 + rounding ? 3n : 2n;
        exponent++;
      } while (base <= amt && exponent < maxExp);
      if (amt < 10n) {
        if (2n < rounding + (tenths & 1n)) {
          tenths++;
          rounding = 0n;
          if (tenths === 10n) {
            amt++;
            tenths = 0n;
          }
        }
        if (amt < 10n) {
          point = `.${tenths}`;
          tenths = 0n;
          rounding = 0n;
        }
      }
    }
    if (5n < tenths + (0n < rounding + (amt & 1n) ? 1n : 0n)) {
      amt++;
      if (amt === base && exponent < maxExp) {
        exponent++;
        point = ".0";
        amt = 1n;
      }
    }
    text = `${amt}${point}`;
  } else {
    const damt0 = Number(n) * (Number(from) / Number(to));
    let e = 1;
    exponent = 0;
    do {
      e *= Number(base);
      exponent++;
    } while (e * Number(base) <= damt0 && exponent < maxExp);
    const damt = damt0 / e;
    text = roundHalfEven(damt, 1);
    if (1 + 2 + (iec ? 0 : 1) < text.length) text = roundHalfEven(damt, 0);
  }
  const letter = iec ? iecPrefix[exponent]! : siPrefix[exponent]!;
  return `${text} ${letter}${iec && exponent > 0 ? "i" : ""}B`;
}

/** printf("%.*f"): glibc rounds the exact binary value, which toFixed also does. */
function roundHalfEven(value: number, digits: number): string {
  return value.toFixed(digits);
}

/** printf("%g") with the default precision 6. */
export function formatG(value: number): string {
  if (value === 0) return "0";
  const precision = 6;
  const exp = Number(value.toExponential(precision - 1).split("e")[1]);
  if (exp < -4 || exp >= precision) {
    const [mant, e] = value.toExponential(precision - 1).split("e") as [string, string];
    const m = mant.includes(".") ? mant.replace(/\.?0+$/, "") : mant;
    const sign = e.startsWith("-") ? "-" : "+";
    const digits = e.replace(/^[+-]/, "").padStart(2, "0");
    return `${m}e${sign}${digits}`;
  }
  const fixed = value.toFixed(Math.max(0, precision - 1 - exp));
  return fixed.includes(".") ? fixed.replace(/\.?0+$/, "") : fixed;
}

/**
 * dd.c print_xfer_stats(): "N bytes (SI, IEC) copied, T s, RATE". The size
 * in parentheses is left out when its unit has no prefix (under 1000 bytes:
 * "512 bytes copied"; under 1024: only the SI form). "1 byte copied" is the
 * singular. The rate is bytes per elapsed nanosecond scaled by 1e9.
 */
export function ddBytesLine(bytes: number, elapsedUs: number): string {
  const n = BigInt(bytes);
  const si = humanReadable(n, false);
  const iec = humanReadable(n, true);
  const rate =
    elapsedUs > 0
      ? `${humanReadable(n, false, 1_000_000_000n, BigInt(elapsedUs) * 1000n)}/s`
      : "Infinity B/s";
  const seconds = `${formatG(elapsedUs / 1e6)} s`;
  const lacksPrefix = (s: string): boolean => / B$/.test(s);
  if (lacksPrefix(si)) return `${bytes} ${bytes === 1 ? "byte" : "bytes"} copied, ${seconds}, ${rate}`;
  if (lacksPrefix(iec)) return `${bytes} bytes (${si}) copied, ${seconds}, ${rate}`;
  return `${bytes} bytes (${si}, ${iec}) copied, ${seconds}, ${rate}`;
}

const printable = (b: number): string => (b >= 0x20 && b <= 0x7e ? String.fromCharCode(b) : ".");
const hex2 = (b: number): string => b.toString(16).padStart(2, "0");

/**
 * util-linux `hexdump -C` (the "canonical" format "%08.8_Ax\n" /
 * "%08.8_ax  " 8/1 "%02x " "  " 8/1 "%02x " "  |" 16/1 "%_p" "|\n"):
 * identical consecutive lines collapse into one "*", the last line holds
 * the end offset. `lines` receives one 16-byte line at a time.
 */
export class HexdumpCanonical {
  #previous: Uint8Array | undefined;
  #starred = false;

  line(offset: number, bytes: Uint8Array): string | undefined {
    if (this.#previous !== undefined && bytes.length === 16 && sameBytes(this.#previous, bytes)) {
      if (this.#starred) return undefined;
      this.#starred = true;
      return "*";
    }
    this.#starred = false;
    this.#previous = bytes.length === 16 ? bytes.slice() : undefined;
    let hexPart = "";
    for (let i = 0; i < bytes.length; i++) {
      hexPart += `${hex2(bytes[i]!)} `;
      if (i === 7) hexPart += " ";
    }
    const ascii = Array.from(bytes, printable).join("");
    return `${offset.toString(16).padStart(8, "0")}  ${hexPart.padEnd(49)} |${ascii}|`;
  }

  end(offset: number): string {
    return offset.toString(16).padStart(8, "0");
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** xxd's default line: "%08x: " then 8 groups of 2 bytes, two spaces, the ASCII column. */
export function xxdLine(offset: number, bytes: Uint8Array): string {
  let hexPart = "";
  for (let i = 0; i < bytes.length; i++) {
    hexPart += hex2(bytes[i]!);
    if (i % 2 === 1) hexPart += " ";
  }
  const ascii = Array.from(bytes, printable).join("");
  return `${offset.toString(16).padStart(8, "0")}: ${hexPart.padEnd(40)} ${ascii}`;
}

/**
 * lib/string_helpers.c string_get_size(): three significant figures,
 * with "kB MB GB…" (units of 10) or "KiB MiB GiB…" (units of 2),
 * as the sd and virtio_blk drivers print a disk's capacity at probe time.
 */
export function stringGetSize(bytes: number, units: 10 | 2): string {
  const divisor = units === 10 ? 1000 : 1024;
  const names =
    units === 10
      ? ["B", "kB", "MB", "GB", "TB", "PB", "EB"]
      : ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
  let size = bytes;
  let i = 0;
  let remainder = 0;
  while (size >= divisor && i < names.length - 1) {
    remainder = size % divisor;
    size = Math.floor(size / divisor);
    i++;
  }
  if (i === 0) return `${size} ${names[0]!}`;
  // Three significant figures, the last one rounded (the kernel adds 500, 50 or 5 thousandths).
  const decimals = size >= 100 ? 0 : size >= 10 ? 1 : 2;
  let frac = Math.round((remainder / divisor) * 10 ** decimals);
  if (frac >= 10 ** decimals) {
    size++;
    frac = 0;
  }
  return decimals === 0
    ? `${size} ${names[i]!}`
    : `${size}.${String(frac).padStart(decimals, "0")} ${names[i]!}`;
}
