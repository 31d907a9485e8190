import type { CommandSpec } from "../command";
import { interpretEscapes } from "./echo";

/**
 * bash's builtin printf: the format is reused until the arguments run out;
 * %s %b %d %i %u %x %X %o %c %f %e %g %%, width, precision and flags.
 */
export const printf: CommandSpec = {
  name: "printf",
  synopsis: "printf FORMAT [ARGUMENT]...",
  summary: { en: "Format and print arguments.", ko: "인수를 형식에 맞춰 출력합니다." },
  builtin: true,
  async run(ctx) {
    const args = ctx.argv.slice(1);
    if (args[0] === "--") args.shift();
    const format = args.shift();
    if (format === undefined) {
      await ctx.stderr.write(
        `bash: ${ctx.t("cmd.printfMissing", { name: "printf" })}\n${ctx.t("shell.usageLine", { name: "printf", synopsis: "printf [-v var] format [arguments]" })}\n`,
      );
      return 2;
    }
    let status = 0;
    let out = "";
    let first = true;
    while (first || args.length > 0) {
      first = false;
      let consumed = false;
      const re =
        /%([-+ #0]*)(\*|[0-9]+)?(?:\.(\*|[0-9]+))?([sbdiuxXocfeEgG%])|\\(?:[0-7]{1,3}|x[0-9a-fA-F]{1,2}|.)/gs;
      let last = 0;
      let stopped = false;
      for (const m of format.matchAll(re)) {
        out += format.slice(last, m.index);
        last = m.index + m[0].length;
        if (m[0].startsWith("\\")) {
          const r = interpretEscapes(m[0]);
          out += r.text;
          continue;
        }
        const [, flags = "", widthSpec, precSpec, conv] = m;
        if (conv === "%") {
          out += "%";
          continue;
        }
        consumed = true;
        const width =
          widthSpec === "*"
            ? Number(args.shift() ?? 0)
            : widthSpec === undefined
              ? undefined
              : Number(widthSpec);
        const prec =
          precSpec === "*"
            ? Number(args.shift() ?? 0)
            : precSpec === undefined
              ? undefined
              : Number(precSpec);
        const arg = args.shift() ?? "";
        let piece: string;
        switch (conv) {
          case "s":
            piece = prec === undefined ? arg : arg.slice(0, prec);
            break;
          case "b": {
            const r = interpretEscapes(arg);
            piece = r.text;
            if (r.stop) stopped = true;
            break;
          }
          case "c":
            piece = arg.slice(0, 1);
            break;
          case "d":
          case "i":
          case "u":
          case "x":
          case "X":
          case "o": {
            const n = parseIntArg(arg);
            if (n === undefined) {
              await ctx.stderr.write(
                `bash: ${ctx.t("cmd.printfInvalidNumber", { name: "printf", value: arg })}\n`,
              );
              status = 1;
            }
            const v = n ?? 0n;
            const neg = v < 0n;
            const abs = neg ? -v : v;
            let digits =
              conv === "x"
                ? abs.toString(16)
                : conv === "X"
                  ? abs.toString(16).toUpperCase()
                  : conv === "o"
                    ? abs.toString(8)
                    : abs.toString();
            if (prec !== undefined) digits = digits.padStart(prec, "0");
            const sign = neg ? "-" : flags.includes("+") ? "+" : flags.includes(" ") ? " " : "";
            piece = sign + digits;
            if (flags.includes("0") && !flags.includes("-") && width !== undefined && prec === undefined) {
              piece = sign + digits.padStart(width - sign.length, "0");
            }
            break;
          }
          default: {
            const f = arg === "" ? 0 : Number(arg);
            if (Number.isNaN(f)) {
              await ctx.stderr.write(
                `bash: ${ctx.t("cmd.printfInvalidNumber", { name: "printf", value: arg })}\n`,
              );
              status = 1;
            }
            const v = Number.isNaN(f) ? 0 : f;
            const p = prec ?? 6;
            piece =
              conv === "f"
                ? v.toFixed(p)
                : conv === "e" || conv === "E"
                  ? cExp(v, p)
                  : String(Number(v.toPrecision(p || 1)));
            if (conv === "E") piece = piece.toUpperCase();
            if (flags.includes("+") && v >= 0) piece = "+" + piece;
          }
        }
        if (width !== undefined && piece.length < width) {
          piece = flags.includes("-") ? piece.padEnd(width) : piece.padStart(width);
        }
        out += piece;
        if (stopped) break;
      }
      if (!stopped) out += format.slice(last);
      if (stopped || !consumed) break;
      if (out.length > 1 << 20) break;
    }
    await ctx.stdout.write(out);
    return status;
  },
};

function parseIntArg(arg: string): bigint | undefined {
  const t = arg.trim();
  if (t === "") return 0n;
  if (/^['"]/.test(t)) return BigInt(t.codePointAt(1) ?? 0);
  try {
    if (/^[-+]?0x[0-9a-f]+$/i.test(t))
      return t.startsWith("-") ? -BigInt(t.slice(1)) : BigInt(t.replace("+", ""));
    if (/^[-+]?0[0-7]+$/.test(t)) {
      const neg = t.startsWith("-");
      const v = BigInt("0o" + t.replace(/^[-+]?0/, ""));
      return neg ? -v : v;
    }
    if (/^[-+]?[0-9]+$/.test(t)) return BigInt(t);
  } catch {
    return undefined;
  }
  return undefined;
}

/** C's %e: mantissa and a two-digit signed exponent. */
function cExp(v: number, p: number): string {
  const [m, e = "0"] = v.toExponential(p).split("e");
  const n = Number(e);
  return `${m}e${n < 0 ? "-" : "+"}${String(Math.abs(n)).padStart(2, "0")}`;
}
