import type { CommandSpec } from "../command";
import { getopt } from "../getopt";
import { readInputs, splitLines } from "./inputs";

export const sort: CommandSpec = {
  name: "sort",
  synopsis: "sort [OPTION]... [FILE]...",
  summary: { en: "Sort lines of text files.", ko: "텍스트 파일의 줄을 정렬합니다." },
  options: [
    {
      flags: "-n, --numeric-sort",
      help: { en: "compare according to string numerical value", ko: "숫자 값으로 비교" },
    },
    { flags: "-r, --reverse", help: { en: "reverse the result of comparisons", ko: "비교 결과를 뒤집음" } },
    {
      flags: "-u, --unique",
      help: { en: "output only the first of an equal run", ko: "같은 줄은 처음 하나만 출력" },
    },
    {
      flags: "-k, --key=N",
      help: { en: "sort via the N-th blank-separated field", ko: "공백으로 나눈 N번째 필드로 정렬" },
    },
    {
      flags: "-h, --human-numeric-sort",
      help: { en: "compare human readable numbers (e.g., 2K 1G)", ko: "2K 1G 같은 사람이 읽는 크기로 비교" },
    },
  ],
  async run(ctx) {
    const parsed = await getopt(ctx, {
      flags: "nruhf",
      withArg: "k",
      long: {
        "numeric-sort": { key: "n" },
        reverse: { key: "r" },
        unique: { key: "u" },
        key: { key: "k", arg: true },
        "human-numeric-sort": { key: "h" },
      },
      usageStatus: 2,
    });
    if (typeof parsed === "number") return parsed;
    const o = parsed.opts;
    const keyArg = o.get("k")?.at(-1);
    const keyField = keyArg === undefined ? undefined : Number.parseInt(keyArg, 10);
    if (keyArg !== undefined && (keyField === undefined || !(keyField >= 1))) {
      await ctx.stderr.write(`${ctx.t("cmd.sortBadKey", { name: "sort", value: keyArg })}\n`);
      return 2;
    }
    const { inputs, failed } = await readInputs(ctx, parsed.operands);
    const lines = inputs.flatMap((i) => splitLines(i.text));
    const key = (line: string): string =>
      keyField === undefined ? line : (line.trim().split(/\s+/)[keyField - 1] ?? "");
    const human = (s: string): number => {
      const m = /^\s*(-?[0-9.]+)\s*([KMGTPE]?)/i.exec(s);
      if (m === null) return 0;
      return Number(m[1]) * 1024 ** " KMGTPE".indexOf((m[2] ?? "").toUpperCase() || " ");
    };
    const numeric = (s: string): number => Number.parseFloat(s) || 0;
    const cmp = (a: string, b: string): number => {
      const ka = key(a);
      const kb = key(b);
      let r = o.has("h")
        ? human(ka) - human(kb)
        : o.has("n")
          ? numeric(ka) - numeric(kb)
          : ka < kb
            ? -1
            : ka > kb
              ? 1
              : 0;
      if (r === 0 && !o.has("u")) r = a < b ? -1 : a > b ? 1 : 0;
      return o.has("r") ? -r : r;
    };
    let sorted = [...lines].sort(cmp);
    if (o.has("u")) sorted = sorted.filter((l, i) => i === 0 || cmp(sorted[i - 1]!, l) !== 0);
    await ctx.stdout.write(sorted.map((l) => `${l}\n`).join(""));
    return failed ? 2 : 0;
  },
};

export const uniq: CommandSpec = {
  name: "uniq",
  synopsis: "uniq [OPTION]... [INPUT]",
  summary: { en: "Report or omit repeated lines.", ko: "연속해서 반복되는 줄을 하나로 줄이거나 보고합니다." },
  options: [
    {
      flags: "-c, --count",
      help: { en: "prefix lines by the number of occurrences", ko: "줄 앞에 반복 횟수를 붙임" },
    },
    {
      flags: "-d, --repeated",
      help: { en: "only print duplicate lines, one for each group", ko: "중복된 줄만 그룹마다 하나씩 출력" },
    },
    { flags: "-u, --unique", help: { en: "only print unique lines", ko: "중복되지 않은 줄만 출력" } },
    {
      flags: "-i, --ignore-case",
      help: { en: "ignore differences in case when comparing", ko: "비교할 때 대소문자를 무시" },
    },
  ],
  async run(ctx) {
    const parsed = await getopt(ctx, {
      flags: "cdui",
      long: {
        count: { key: "c" },
        repeated: { key: "d" },
        unique: { key: "u" },
        "ignore-case": { key: "i" },
      },
    });
    if (typeof parsed === "number") return parsed;
    const o = parsed.opts;
    if (parsed.operands.length > 1) {
      await ctx.stderr.write(
        `${ctx.t("cmd.extraOperand", { name: "uniq", value: parsed.operands[1]! })}\n${ctx.t("cmd.tryHelp", { name: "uniq" })}\n`,
      );
      return 1;
    }
    const { inputs, failed } = await readInputs(ctx, parsed.operands);
    const lines = splitLines(inputs[0]?.text ?? "");
    const same = (a: string, b: string): boolean =>
      o.has("i") ? a.toLowerCase() === b.toLowerCase() : a === b;
    const out: string[] = [];
    for (let i = 0; i < lines.length;) {
      let j = i + 1;
      while (j < lines.length && same(lines[i]!, lines[j]!)) j++;
      const n = j - i;
      if ((!o.has("d") || n > 1) && (!o.has("u") || n === 1))
        out.push(o.has("c") ? `${String(n).padStart(7)} ${lines[i]!}` : lines[i]!);
      i = j;
    }
    await ctx.stdout.write(out.map((l) => `${l}\n`).join(""));
    return failed ? 1 : 0;
  },
};
