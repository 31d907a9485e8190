import type { CommandSpec } from "../command";

/** bash's builtin echo: -n, -e, -E; `echo --help` prints "--help". */
export const echo: CommandSpec = {
  name: "echo",
  synopsis: "echo [-neE] [ARG]...",
  summary: { en: "Write arguments to standard output.", ko: "인수를 표준 출력에 씁니다." },
  options: [
    { flags: "-n", help: { en: "do not output the trailing newline", ko: "끝의 줄바꿈을 출력하지 않음" } },
    { flags: "-e", help: { en: "interpret backslash escapes", ko: "백슬래시 이스케이프를 해석" } },
    {
      flags: "-E",
      help: {
        en: "do not interpret backslash escapes (default)",
        ko: "백슬래시 이스케이프를 해석하지 않음 (기본값)",
      },
    },
  ],
  builtin: true,
  noHelpOption: true,
  async run(ctx) {
    const args = ctx.argv.slice(1);
    let newline = true;
    let escapes = false;
    while (args.length > 0 && /^-[neE]+$/.test(args[0]!)) {
      const flags = args.shift()!;
      for (const f of flags.slice(1)) {
        if (f === "n") newline = false;
        else if (f === "e") escapes = true;
        else escapes = false;
      }
    }
    let text = args.join(" ");
    if (escapes) {
      const r = interpretEscapes(text);
      text = r.text;
      if (r.stop) newline = false;
    }
    await ctx.stdout.write(newline ? `${text}\n` : text);
    return 0;
  },
};

/** echo -e and printf %b escapes; `\c` stops all output. */
export function interpretEscapes(text: string): { text: string; stop: boolean } {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c !== "\\" || i + 1 >= text.length) {
      out += c;
      continue;
    }
    const n = text[++i]!;
    const simple: Record<string, string> = {
      n: "\n",
      t: "\t",
      r: "\r",
      a: "\x07",
      b: "\b",
      f: "\f",
      v: "\v",
      e: "\x1b",
      E: "\x1b",
      "\\": "\\",
    };
    if (n in simple) out += simple[n];
    else if (n === "c") return { text: out, stop: true };
    else if (n === "0") {
      const m = /^[0-7]{0,3}/.exec(text.slice(i + 1))![0];
      out += String.fromCharCode(parseInt(m || "0", 8) & 0xff);
      i += m.length;
    } else if (n === "x") {
      const m = /^[0-9a-fA-F]{1,2}/.exec(text.slice(i + 1))?.[0];
      if (m === undefined) out += "\\x";
      else {
        out += String.fromCharCode(parseInt(m, 16));
        i += m.length;
      }
    } else out += `\\${n}`;
  }
  return { text: out, stop: false };
}
