/** Argument parsing shared by the mmu tools: numbers as course pages write them, and subcommand options. */

/**
 * `0x7f12_3456_7000`, `4096`, `0X1F`: hex with 0x, or decimal; `_` may separate digits (not
 * lead, trail or double). Values up to 2^64 − 1. Undefined when malformed.
 */
export function parseNumber(text: string): bigint | undefined {
  const m = /^(0[xX])?([0-9a-fA-F]+(?:_[0-9a-fA-F]+)*)$/.exec(text);
  if (m === null) return undefined;
  const digits = m[2]!.replaceAll("_", "");
  if (m[1] === undefined && !/^[0-9]+$/.test(digits)) return undefined;
  const value = BigInt(m[1] === undefined ? digits : `0x${digits}`);
  return value < 1n << 64n ? value : undefined;
}

export interface OptionDef {
  /** Takes a value (`--size 2m` or `--size=2m`). */
  readonly arg?: boolean;
}

export type ParsedOptions =
  | { readonly ok: true; readonly opts: Map<string, string>; readonly operands: string[] }
  | { readonly ok: false; readonly problem: "unknown" | "needsArg"; readonly option: string };

/** Long options only (`--user`, `--size 4k`), GNU-style: options may follow operands, `--` ends them. */
export function parseOptions(
  args: readonly string[],
  defs: Readonly<Record<string, OptionDef>>,
): ParsedOptions {
  const opts = new Map<string, string>();
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--") {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (!a.startsWith("--")) {
      operands.push(a);
      continue;
    }
    const eq = a.indexOf("=");
    const name = a.slice(2, eq < 0 ? undefined : eq);
    const def = defs[name];
    if (def === undefined) return { ok: false, problem: "unknown", option: a };
    if (def.arg === true) {
      const value = eq >= 0 ? a.slice(eq + 1) : args[++i];
      if (value === undefined || value === "") return { ok: false, problem: "needsArg", option: `--${name}` };
      opts.set(name, value);
    } else {
      if (eq >= 0) return { ok: false, problem: "unknown", option: a };
      opts.set(name, "");
    }
  }
  return { ok: true, opts, operands };
}
