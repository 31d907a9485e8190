import type { CommandSpec } from "../command";
import { getopt } from "../getopt";
import { readInputs } from "./inputs";

/** GNU wc: lines, words, bytes (UTF-8); columns as wide as the largest count; a total line for several files. */
export const wc: CommandSpec = {
  name: "wc",
  synopsis: "wc [OPTION]... [FILE]...",
  summary: {
    en: "Print newline, word, and byte counts for each file.",
    ko: "파일마다 줄, 단어, 바이트 수를 출력합니다.",
  },
  options: [
    { flags: "-l, --lines", help: { en: "print the newline counts", ko: "줄 수를 출력" } },
    { flags: "-w, --words", help: { en: "print the word counts", ko: "단어 수를 출력" } },
    { flags: "-c, --bytes", help: { en: "print the byte counts", ko: "바이트 수를 출력" } },
    { flags: "-m, --chars", help: { en: "print the character counts", ko: "문자 수를 출력" } },
  ],
  async run(ctx) {
    const parsed = await getopt(ctx, {
      flags: "lwcm",
      long: { lines: { key: "l" }, words: { key: "w" }, bytes: { key: "c" }, chars: { key: "m" } },
    });
    if (typeof parsed === "number") return parsed;
    const o = parsed.opts;
    const none = !o.has("l") && !o.has("w") && !o.has("c") && !o.has("m");
    const fields = (["l", "w", "m", "c"] as const).filter((f) => (none ? f !== "m" : o.has(f)));
    const { inputs, failed } = await readInputs(ctx, parsed.operands);
    const encoder = new TextEncoder();
    const rows = inputs.map(({ name, text }) => ({
      name,
      counts: {
        l: (text.match(/\n/g) ?? []).length,
        w: text.split(/[ \t\n\v\f\r]+/).filter((w) => w !== "").length,
        m: [...text].length,
        c: encoder.encode(text).length,
      },
    }));
    if (rows.length > 1) {
      const total = { l: 0, w: 0, m: 0, c: 0 };
      for (const r of rows) for (const f of ["l", "w", "m", "c"] as const) total[f] += r.counts[f];
      rows.push({ name: ctx.t("cmd.total"), counts: total });
    }
    const single = rows.length === 1 && fields.length === 1;
    const width = single
      ? 0
      : Math.max(1, ...rows.flatMap((r) => fields.map((f) => String(r.counts[f]).length)));
    const fromStdinOnly = inputs.length === 1 && inputs[0]!.name === "-";
    const padWidth = fromStdinOnly && !single ? Math.max(width, 7) : width;
    const out = rows.map((r) => {
      const cols = fields.map((f) => String(r.counts[f]).padStart(padWidth)).join(" ");
      return r.name === "-" ? cols : `${cols} ${r.name}`;
    });
    await ctx.stdout.write(out.map((l) => `${l}\n`).join(""));
    return failed ? 1 : 0;
  },
};
