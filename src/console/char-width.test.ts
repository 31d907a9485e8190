import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  codePointWidth,
  graphemes,
  isGraphemeBoundary,
  stringWidth,
  stripControlSequences,
} from "./char-width";

const cp = (s: string): number => s.codePointAt(0) ?? -1;

describe("codePointWidth (UAX #11 W/F → 2, Mn/Me/Cf → 0)", () => {
  it("ASCII and Latin are narrow, controls take nothing", () => {
    expect(codePointWidth(cp("a"))).toBe(1);
    expect(codePointWidth(cp("~"))).toBe(1);
    expect(codePointWidth(cp("é"))).toBe(1); // U+00E9, EAW A → narrow outside East Asian context
    expect(codePointWidth(0x00ad)).toBe(1); // SOFT HYPHEN prints (glibc wcwidth 1)
    expect(codePointWidth(0x1b)).toBe(0);
    expect(codePointWidth(0x7f)).toBe(0);
    expect(codePointWidth(0x9b)).toBe(0);
  });

  it("Hangul: syllables and leading jamo are wide, medial/final jamo join", () => {
    expect(codePointWidth(0xac00)).toBe(2); // 가, first syllable
    expect(codePointWidth(0xd7a3)).toBe(2); // 힣, last syllable
    expect(codePointWidth(0xd7a4)).toBe(1); // just past the block: unassigned, N
    expect(codePointWidth(0x1100)).toBe(2); // ᄀ choseong kiyeok, EAW W
    expect(codePointWidth(0x115f)).toBe(2); // choseong filler, last W of the block
    expect(codePointWidth(0x1161)).toBe(0); // ᅡ jungseong a, conjoins
    expect(codePointWidth(0x11ab)).toBe(0); // ᆫ jongseong nieun, conjoins
    expect(codePointWidth(0x3131)).toBe(2); // ㄱ compatibility jamo, W
    expect(codePointWidth(0xa960)).toBe(2); // Jamo Extended-A choseong, W
    expect(codePointWidth(0xd7b0)).toBe(0); // Jamo Extended-B jungseong, conjoins
  });

  it("CJK, fullwidth forms and emoji are wide; halfwidth forms narrow", () => {
    expect(codePointWidth(cp("中"))).toBe(2);
    expect(codePointWidth(0x3000)).toBe(2); // IDEOGRAPHIC SPACE, F
    expect(codePointWidth(0x303f)).toBe(1); // IDEOGRAPHIC HALF FILL SPACE, N
    expect(codePointWidth(0xff21)).toBe(2); // FULLWIDTH A, F
    expect(codePointWidth(0xff76)).toBe(1); // HALFWIDTH KATAKANA KA, H
    expect(codePointWidth(0x1f600)).toBe(2); // 😀, Emoji_Presentation → W since Unicode 9
    expect(codePointWidth(0x1f3fd)).toBe(2); // skin tone modifier, W
    expect(codePointWidth(0x2764)).toBe(1); // ❤ has text presentation by default: N
    expect(codePointWidth(0x1f1f0)).toBe(1); // regional indicator: N (a flag is two of them)
    expect(codePointWidth(0x20000)).toBe(2); // CJK Extension B
  });

  it("combining marks, ZWJ, variation selectors are zero width", () => {
    expect(codePointWidth(0x0301)).toBe(0);
    expect(codePointWidth(0x200d)).toBe(0);
    expect(codePointWidth(0x200b)).toBe(0);
    expect(codePointWidth(0xfe0f)).toBe(0);
    expect(codePointWidth(0xe0100)).toBe(0);
    expect(codePointWidth(0xfeff)).toBe(0);
  });

  it("is always 0, 1 or 2 for any code point", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0x10ffff }), (n) => [0, 1, 2].includes(codePointWidth(n))),
    );
  });
});

describe("stringWidth", () => {
  it("adds code point widths, pairs decoded", () => {
    expect(stringWidth("ls -l")).toBe(5);
    expect(stringWidth("한국어")).toBe(6);
    expect(stringWidth("\u1112\u1161\u11ab")).toBe(2); // decomposed 한: L (2) + V (0) + T (0)
    expect(stringWidth("e\u0301")).toBe(1);
    expect(stringWidth("👍🏽")).toBe(4); // 2 + modifier 2, as xterm lays out code point by code point
    expect(stringWidth("👨\u200d👩")).toBe(4);
  });

  it("is additive over concatenation of well-formed strings", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), fc.string({ unit: "grapheme" }), (a, b) => {
        expect(stringWidth(a + b)).toBe(stringWidth(a) + stringWidth(b));
      }),
    );
  });
});

describe("stripControlSequences", () => {
  it("removes SGR so a coloured prompt measures its visible text", () => {
    const prompt = "\x1b[1;32muser@vm\x1b[0m:\x1b[34m~\x1b[0m$ ";
    expect(stripControlSequences(prompt)).toBe("user@vm:~$ ");
    expect(stringWidth(stripControlSequences(prompt))).toBe(11);
  });
});

describe("grapheme clusters (UAX #29 via Intl.Segmenter)", () => {
  it("keeps a syllable, a jamo sequence, a modified emoji, a ZWJ family and a flag whole", () => {
    const s = "한\u1112\u1161\u11ab👍🏽👨\u200d👩\u200d👧🇰🇷e\u0301";
    expect([...graphemes(s)].map((g) => g.segment.length)).toEqual([1, 3, 4, 8, 4, 2]);
    expect(isGraphemeBoundary(s, 1)).toBe(true);
    expect(isGraphemeBoundary(s, 2)).toBe(false); // inside the jamo sequence
    expect(isGraphemeBoundary(s, 6)).toBe(false); // between 👍 and its modifier
    expect(isGraphemeBoundary(s, 0)).toBe(true);
    expect(isGraphemeBoundary(s, s.length)).toBe(true);
  });
});
