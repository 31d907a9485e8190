import type { CommandContext, CommandSpec } from "./command";

/** `CMD --help`: the usage text built from the command's own definition, so it cannot drift. */
export async function printUsage(ctx: CommandContext, spec: CommandSpec): Promise<void> {
  const lang = ctx.lang;
  const lines = [`${ctx.t("usage.prefix")} ${spec.synopsis}`, spec.summary[lang]];
  if (spec.description !== undefined) lines.push("", spec.description[lang]);
  if (spec.options !== undefined && spec.options.length > 0) {
    lines.push("", ctx.t("usage.options"));
    for (const opt of spec.options) lines.push(formatOption(opt.flags, opt.help[lang]));
  }
  await ctx.stdout.write(lines.join("\n") + "\n");
}

export function formatOption(flags: string, help: string): string {
  const left = `  ${flags}`;
  return left.length >= 26 ? `${left}\n${" ".repeat(26)}${help}` : `${left.padEnd(26)}${help}`;
}

/** Prints the usage error the way coreutils does and returns its status. */
export async function usageError(ctx: CommandContext, message: string, status = 1): Promise<number> {
  const name = ctx.argv[0]!;
  await ctx.stderr.write(`${message}\n${ctx.t("cmd.tryHelp", { name })}\n`);
  return status;
}
