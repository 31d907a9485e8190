import type { CommandSpec } from "../command";
import { getopt } from "../getopt";
import { readInputs, splitLines } from "./inputs";

/**
 * GNU grep with -i -v -c -E -F -n -l -q -w -o. Basic regular expressions are
 * translated to JavaScript ones (in BRE, `+ ? | ( ) { }` are literal unless
 * backslashed). Exit 0 on a match, 1 on none, 2 on error.
 */
export const grep: CommandSpec = {
  name: "grep",
  synopsis: "grep [OPTION]... PATTERNS [FILE]...",
  summary: { en: "Print lines that match patterns.", ko: "패턴과 일치하는 줄을 출력합니다." },
  options: [
    { flags: "-i, --ignore-case", help: { en: "ignore case distinctions", ko: "대소문자를 구분하지 않음" } },
    { flags: "-v, --invert-match", help: { en: "select non-matching lines", ko: "일치하지 않는 줄을 선택" } },
    {
      flags: "-c, --count",
      help: { en: "print only a count of selected lines per file", ko: "파일마다 선택된 줄 수만 출력" },
    },
    {
      flags: "-E, --extended-regexp",
      help: { en: "PATTERNS are extended regular expressions", ko: "패턴을 확장 정규 표현식으로 해석" },
    },
    { flags: "-F, --fixed-strings", help: { en: "PATTERNS are strings", ko: "패턴을 고정 문자열로 해석" } },
    {
      flags: "-n, --line-number",
      help: { en: "print line number with output lines", ko: "출력 줄에 줄 번호를 붙임" },
    },
    {
      flags: "-w, --word-regexp",
      help: { en: "match only whole words", ko: "단어 전체가 일치할 때만 선택" },
    },
    {
      flags: "-o, --only-matching",
      help: { en: "show only the matching parts of lines", ko: "줄에서 일치하는 부분만 표시" },
    },
    {
      flags: "-l, --files-with-matches",
      help: { en: "print only names of files with matches", ko: "일치하는 줄이 있는 파일 이름만 출력" },
    },
    { flags: "-q, --quiet", help: { en: "suppress all normal output", ko: "일반 출력을 모두 생략" } },
    { flags: "-e PATTERNS", help: { en: "use PATTERNS for matching", ko: "일치에 쓸 패턴 지정" } },
  ],
  async run(ctx) {
    const parsed = await getopt(ctx, {
      flags: "ivcEFnwolqhHs",
      withArg: "e",
      long: {
        "ignore-case": { key: "i" },
        "invert-match": { key: "v" },
        count: { key: "c" },
        "extended-regexp": { key: "E" },
        "fixed-strings": { key: "F" },
        "line-number": { key: "n" },
        "word-regexp": { key: "w" },
        "only-matching": { key: "o" },
        "files-with-matches": { key: "l" },
        quiet: { key: "q" },
        silent: { key: "q" },
        regexp: { key: "e", arg: true },
      },
      usageStatus: 2,
    });
    if (typeof parsed === "number") return parsed;
    const o = parsed.opts;
    const operands = [...parsed.operands];
    const patterns = o.get("e") ?? (operands.length > 0 ? [operands.shift()!] : undefined);
    if (patterns === undefined) {
      await ctx.stderr.write(
        `${ctx.t("usage.prefix")} grep [OPTION]... PATTERNS [FILE]...\n${ctx.t("cmd.tryHelp", { name: "grep" })}\n`,
      );
      return 2;
    }
    let re: RegExp;
    try {
      const sources = patterns
        .flatMap((p) => p.split("\n"))
        .map((p) => (o.has("F") ? escapeRegExp(p) : o.has("E") ? p : breToJs(p)));
      let source = sources.map((s) => `(?:${s})`).join("|");
      if (o.has("w")) source = `(?<![\\p{L}\\p{N}_])(?:${source})(?![\\p{L}\\p{N}_])`;
      re = new RegExp(source, `gu${o.has("i") ? "i" : ""}`);
    } catch (e) {
      await ctx.stderr.write(
        `${ctx.t("cmd.invalidRegex", { name: "grep", value: e instanceof Error ? e.message : String(e) })}\n`,
      );
      return 2;
    }
    const { inputs, failed } = await readInputs(ctx, operands);
    const showNames = (inputs.length > 1 || o.has("H")) && !o.has("h");
    const invert = o.has("v");
    let matchedAny = false;
    const colour = ctx.stdout.isTerminal && ctx.shell.terminal.colour;
    for (const { name, text } of inputs) {
      const label = name === "-" ? ctx.t("cmd.stdinLabel") : name;
      let count = 0;
      const out: string[] = [];
      splitLines(text).forEach((line, i) => {
        re.lastIndex = 0;
        const matches = re.test(line);
        if (matches === invert) return;
        count++;
        if (o.has("c") || o.has("l") || o.has("q")) return;
        const prefix = `${showNames ? `${label}:` : ""}${o.has("n") ? `${i + 1}:` : ""}`;
        if (o.has("o") && !invert) {
          re.lastIndex = 0;
          for (const m of line.matchAll(re)) if (m[0] !== "") out.push(prefix + m[0]);
          return;
        }
        // GNU grep --color=auto (Debian's default alias) highlights matches in bold red.
        re.lastIndex = 0;
        out.push(
          prefix +
            (colour && !invert
              ? line.replace(re, (m) => (m === "" ? m : `\x1b[01;31m\x1b[K${m}\x1b[m\x1b[K`))
              : line),
        );
      });
      if (count > 0) matchedAny = true;
      if (o.has("q")) {
        if (matchedAny) return 0;
        continue;
      }
      if (o.has("l")) {
        if (count > 0) await ctx.stdout.write(`${label}\n`);
        continue;
      }
      if (o.has("c")) {
        await ctx.stdout.write(`${showNames ? `${label}:` : ""}${count}\n`);
        continue;
      }
      if (out.length > 0) await ctx.stdout.write(out.map((l) => `${l}\n`).join(""));
    }
    if (failed && !o.has("q")) return 2;
    return matchedAny ? 0 : failed ? 2 : 1;
  },
};

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/** POSIX basic regular expression → JavaScript: swap the meaning of backslashed and plain `+ ? | ( ) { }`. */
function breToJs(bre: string): string {
  let out = "";
  for (let i = 0; i < bre.length; i++) {
    const c = bre[i]!;
    if (c === "\\" && i + 1 < bre.length) {
      const n = bre[++i]!;
      out += "+?|(){}".includes(n) ? n : `\\${n}`;
    } else if ("+?|(){}".includes(c)) {
      out += `\\${c}`;
    } else if (c === "*" && (out === "" || out.endsWith("(") || out.endsWith("|"))) {
      out += "\\*";
    } else {
      out += c;
    }
  }
  return out;
}
