import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse, ShellSyntaxError } from "./parse";

/** Parses or throws ShellSyntaxError; any other exception fails the property. */
function parsesOrSyntaxError(src: string): boolean {
  try {
    parse(src);
    return true;
  } catch (e) {
    if (e instanceof ShellSyntaxError) return true;
    throw e;
  }
}

/** Wall time of one parse, in ms (vitest runs under Node: performance is a global). */
function timeParse(src: string): number {
  const t0 = performance.now();
  parsesOrSyntaxError(src);
  return performance.now() - t0;
}

// Shell-significant fragments, so random strings reach the quoting, expansion and nesting paths.
const shellPieces = [
  "$(",
  ")",
  "(",
  "`",
  "\\`",
  "'",
  '"',
  "\\",
  "\\\n",
  "$",
  "${",
  "}",
  "$'",
  "\\x",
  "|",
  "||",
  "&&",
  "&",
  ";",
  ";;",
  "\n",
  " ",
  "#",
  "!",
  ">",
  ">>",
  "2>&1",
  "&>",
  "<",
  "<&",
  "|&",
  "~",
  "A=",
  "x",
  "\0",
  "\uD800",
  "é",
  "\t",
];
const shellish = fc.array(fc.constantFrom(...shellPieces), { maxLength: 60 }).map((a) => a.join(""));

describe("parse never fails other than with ShellSyntaxError", () => {
  it("on arbitrary unicode, including lone surrogates and control characters", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (s) => parsesOrSyntaxError(s)),
      { numRuns: 2000 },
    );
  });
  it("on strings made of shell syntax", () => {
    fc.assert(
      fc.property(shellish, (s) => parsesOrSyntaxError(s)),
      { numRuns: 5000 },
    );
  });
  it("on 10 000 levels of every kind of nesting: too-deep, no stack overflow", () => {
    for (const [open, close] of [
      ["(", ")"],
      ["$(", ")"],
      ['"$(', ')"'],
      ["`", "`"],
      ["$( (", ") )"],
    ] as const) {
      const src = open.repeat(10_000) + "a" + close.repeat(10_000);
      expect(parsesOrSyntaxError(src)).toBe(true);
      expect(parsesOrSyntaxError(open.repeat(10_000))).toBe(true);
    }
    expect(() => parse("(".repeat(10_000) + "a" + ")".repeat(10_000))).toThrow(
      expect.objectContaining({ kind: "too-deep" }),
    );
  });
});

describe("linear time", () => {
  // A quadratic parser needs ~10^12 steps on a 1 MB line (minutes); this one takes 0.1–0.7 s on a laptop
  // (256 KB → 1 MB scales ×3–5). 5 s leaves room for a slow CI machine without hiding a quadratic path.
  const boundMs = 5000;
  const mb = 1 << 20;
  const inputs: [string, string][] = [
    ["one long word", "x".repeat(mb)],
    ["many words", "ab ".repeat(mb / 3)],
    ["escapes", "\\a".repeat(mb / 2)],
    ["one long double-quoted string with params", '"' + "$a b".repeat(mb / 4) + '"'],
    ["many commands", "a|b;".repeat(mb / 4)],
    ["many $( )", "$(a) ".repeat(mb / 5)],
    ["many backquotes", "`a` ".repeat(mb / 4)],
    ["unclosed quote at the end", "a ".repeat(mb / 2) + "'"],
    ["ANSI-C string", "$'" + "\\x41".repeat(mb / 4) + "'"],
  ];
  it.each(inputs)(
    "%s (1 MB)",
    (_name, src) => {
      expect(timeParse(src)).toBeLessThan(boundMs);
    },
    20_000,
  );
  it("the result is right on a 1 MB word", () => {
    const s = parse("echo " + "x".repeat(mb));
    const word = s.items[0]?.command.first.commands[0];
    expect(word?.kind === "simple" ? word.words[1]?.parts : undefined).toEqual([
      { kind: "literal", text: "x".repeat(mb), quoted: false },
    ]);
  });
});
