import { readAll } from "../io";
import type { CommandContext } from "../command";
import { errText } from "./fs-errors";

/** Largest file a text tool reads at once; bigger files are read up to here (the console's output is bounded anyway). */
export const textReadLimitBytes = 8 << 20;

/**
 * The files a filter reads, as coreutils does: each operand in turn, `-` or
 * no operand meaning standard input; a bad operand prints `name: path:
 * error` and the rest still run.
 */
export async function readInputs(
  ctx: CommandContext,
  operands: readonly string[],
): Promise<{ inputs: { name: string; text: string }[]; failed: boolean }> {
  const list = operands.length === 0 ? ["-"] : operands;
  const inputs: { name: string; text: string }[] = [];
  let failed = false;
  for (const path of list) {
    if (path === "-") {
      inputs.push({ name: "-", text: await readAll(ctx.stdin, textReadLimitBytes) });
      continue;
    }
    try {
      const node = ctx.fs.lookup(path, ctx.cwd);
      if (node.kind === "dir") {
        await ctx.stderr.write(`${ctx.t("cmd.isDirectory", { name: ctx.argv[0]!, path })}\n`);
        failed = true;
        continue;
      }
      inputs.push({
        name: path,
        text: new TextDecoder().decode(ctx.fs.readFile(path, ctx.cwd, textReadLimitBytes)),
      });
    } catch (e) {
      await ctx.stderr.write(
        `${ctx.t("cmd.fileError", { name: ctx.argv[0]!, path, error: errText(ctx, e) })}\n`,
      );
      failed = true;
    }
  }
  return { inputs, failed };
}

/** Splits into lines keeping track of whether the text ended with a newline. */
export function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines;
}
