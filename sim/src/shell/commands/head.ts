import type { CommandContext, CommandSpec } from "../command";
import { getopt } from "../getopt";
import { readInputs } from "./inputs";
import { parseCoreutilsSize } from "../../core/units";

function headTail(which: "head" | "tail"): CommandSpec {
  const ko = which === "head" ? "앞부분" : "뒷부분";
  return {
    name: which,
    synopsis: `${which} [OPTION]... [FILE]...`,
    summary: {
      en: `Output the ${which === "head" ? "first" : "last"} part of files.`,
      ko: `파일의 ${ko}을 출력합니다.`,
    },
    options: [
      {
        flags: "-n, --lines=NUM",
        help: {
          en: `print the ${which === "head" ? "first" : "last"} NUM lines (default 10)`,
          ko: `${which === "head" ? "처음" : "마지막"} NUM줄을 출력 (기본값 10)`,
        },
      },
      {
        flags: "-c, --bytes=NUM",
        help: {
          en: `print the ${which === "head" ? "first" : "last"} NUM bytes`,
          ko: `${which === "head" ? "처음" : "마지막"} NUM바이트를 출력`,
        },
      },
      {
        flags: "-q, --quiet",
        help: { en: "never print headers giving file names", ko: "파일 이름 머리글을 출력하지 않음" },
      },
    ],
    async run(ctx) {
      const parsed = await getopt(ctx, {
        flags: "qv",
        withArg: "nc",
        numeric: "n",
        long: {
          lines: { key: "n", arg: true },
          bytes: { key: "c", arg: true },
          quiet: { key: "q" },
          silent: { key: "q" },
        },
      });
      if (typeof parsed === "number") return parsed;
      const linesArg = parsed.opts.get("n")?.at(-1);
      const bytesArg = parsed.opts.get("c")?.at(-1);
      const arg = bytesArg ?? linesArg ?? "10";
      const fromStart = which === "tail" && arg.startsWith("+");
      const count = parseCoreutilsSize(arg.replace(/^[+-]/, ""));
      if (count === undefined) {
        await ctx.stderr.write(
          `${ctx.t(bytesArg !== undefined ? "cmd.invalidBytes" : "cmd.invalidLines", { name: which, value: arg })}\n`,
        );
        return 1;
      }
      const { inputs, failed } = await readInputs(ctx, parsed.operands);
      const headers = inputs.length > 1 && !parsed.opts.has("q");
      let first = true;
      for (const { name, text } of inputs) {
        if (headers) {
          await ctx.stdout.write(
            `${first ? "" : "\n"}==> ${name === "-" ? ctx.t("cmd.stdinName") : name} <==\n`,
          );
        }
        first = false;
        await ctx.stdout.write(take(ctx, which, text, count, bytesArg !== undefined, fromStart));
      }
      return failed ? 1 : 0;
    },
  };
}

function take(
  _ctx: CommandContext,
  which: "head" | "tail",
  text: string,
  count: number,
  bytes: boolean,
  fromStart: boolean,
): string {
  if (bytes) {
    if (which === "head") return text.slice(0, count);
    return fromStart ? text.slice(Math.max(0, count - 1)) : text.slice(Math.max(0, text.length - count));
  }
  const parts = text.split("\n");
  const endsWithNewline = text.endsWith("\n");
  if (endsWithNewline) parts.pop();
  let chosen: string[];
  if (which === "head") chosen = parts.slice(0, count);
  else if (fromStart) chosen = parts.slice(Math.max(0, count - 1));
  else chosen = count === 0 ? [] : parts.slice(-count);
  if (chosen.length === 0) return "";
  const lastIncluded = which === "head" ? chosen.length === parts.length : true;
  return chosen.join("\n") + (lastIncluded && !endsWithNewline ? "" : "\n");
}

export const head = headTail("head");
export const tail = headTail("tail");
