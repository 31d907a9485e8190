import type { CommandContext } from "./command";
import { usageError } from "./usage";

export interface OptionTable {
  /** Short flags without argument, e.g. "laid". */
  readonly flags?: string;
  /** Short options that take an argument, e.g. "nc". */
  readonly withArg?: string;
  /** Long options: name → the short letter it aliases (or itself), and whether it takes `=VALUE`. */
  readonly long?: Readonly<Record<string, { readonly key: string; readonly arg?: boolean }>>;
  /** Allow `-5` as a number option (head -5). */
  readonly numeric?: string;
  /** Exit status for usage errors (ls and grep use 2). */
  readonly usageStatus?: number;
}

export interface ParsedArgs {
  readonly opts: Map<string, string[]>;
  readonly operands: string[];
}

/**
 * getopt_long as GNU tools use it: clustered short flags (`-la`), option
 * arguments attached or separate (`-n5`, `-n 5`, `--lines=5`), `--` ends
 * options, options may follow operands (GNU permutation). Errors print the
 * coreutils message and return the usage status.
 */
export async function getopt(ctx: CommandContext, table: OptionTable): Promise<ParsedArgs | number> {
  const opts = new Map<string, string[]>();
  const operands: string[] = [];
  const add = (key: string, value = ""): void => {
    const list = opts.get(key) ?? [];
    list.push(value);
    opts.set(key, list);
  };
  const args = ctx.argv.slice(1);
  const status = table.usageStatus ?? 1;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--") {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      const name = arg.slice(2, eq < 0 ? undefined : eq);
      const matches = Object.keys(table.long ?? {}).filter((l) => l.startsWith(name));
      const exact = table.long?.[name];
      const def = exact ?? (matches.length === 1 ? table.long?.[matches[0]!] : undefined);
      if (def === undefined) {
        return usageError(ctx, ctx.t("cmd.unrecognizedOption", { name: ctx.argv[0]!, option: arg }), status);
      }
      if (def.arg === true) {
        let value: string | undefined = eq < 0 ? undefined : arg.slice(eq + 1);
        if (value === undefined) {
          value = args[++i];
          if (value === undefined) {
            return usageError(
              ctx,
              ctx.t("cmd.missingOptionArg", { name: ctx.argv[0]!, option: name }),
              status,
            );
          }
        }
        add(def.key, value);
      } else add(def.key);
      continue;
    }
    if (arg.startsWith("-") && arg !== "-") {
      if (table.numeric !== undefined && /^-[0-9]+$/.test(arg)) {
        add(table.numeric, arg.slice(1));
        continue;
      }
      for (let j = 1; j < arg.length; j++) {
        const c = arg[j]!;
        if (table.withArg?.includes(c) === true) {
          let value = arg.slice(j + 1);
          if (value === "") {
            const next = args[++i];
            if (next === undefined) {
              return usageError(
                ctx,
                ctx.t("cmd.missingOptionArg", { name: ctx.argv[0]!, option: c }),
                status,
              );
            }
            value = next;
          }
          add(c, value);
          break;
        }
        if (table.flags?.includes(c) !== true) {
          return usageError(ctx, ctx.t("cmd.invalidOption", { name: ctx.argv[0]!, option: c }), status);
        }
        add(c);
      }
      continue;
    }
    operands.push(arg);
  }
  return { opts, operands };
}
