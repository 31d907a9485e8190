import type { CommandSpec } from "../command";
import { getopt } from "../getopt";
import { readInputs, splitLines } from "./inputs";

export const cat: CommandSpec = {
  name: "cat",
  synopsis: "cat [OPTION]... [FILE]...",
  summary: {
    en: "Concatenate files and print on the standard output.",
    ko: "파일을 이어 붙여 표준 출력에 출력합니다.",
  },
  options: [
    { flags: "-n, --number", help: { en: "number all output lines", ko: "모든 출력 줄에 번호를 붙임" } },
    {
      flags: "-A, --show-all",
      help: {
        en: "show tabs as ^I, line ends as $ and other controls",
        ko: "탭은 ^I, 줄 끝은 $, 제어 문자도 표시",
      },
    },
  ],
  async run(ctx) {
    const parsed = await getopt(ctx, {
      flags: "nAu",
      long: { number: { key: "n" }, "show-all": { key: "A" } },
    });
    if (typeof parsed === "number") return parsed;
    const { inputs, failed } = await readInputs(ctx, parsed.operands);
    let line = 1;
    for (const { text } of inputs) {
      let out = text;
      if (parsed.opts.has("A")) {
        out = out
          .replace(/\t/g, "^I")
          .replace(/[\x00-\x08\x0b-\x1f]/g, (c) => `^${String.fromCharCode(c.charCodeAt(0) + 64)}`)
          .replace(/\n/g, "$\n");
      }
      if (parsed.opts.has("n")) {
        const ends = out.endsWith("\n");
        out =
          splitLines(out)
            .map((l) => `${String(line++).padStart(6)}\t${l}`)
            .join("\n") + (ends ? "\n" : "");
      }
      await ctx.stdout.write(out);
    }
    return failed ? 1 : 0;
  },
};
