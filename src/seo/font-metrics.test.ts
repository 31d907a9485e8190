import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Resvg } from "@resvg/resvg-js";
import { describe, expect, it } from "vitest";
import { readFontMetrics } from "./font-metrics";

const require = createRequire(import.meta.url);
const boldPath = require.resolve("pretendard/dist/public/static/Pretendard-Bold.otf");
const bold = readFontMetrics(readFileSync(boldPath));

/** Ink width of a string as resvg draws it with the same font file. */
function renderedWidth(text: string, sizePx: number): number {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="2000" height="200"><text x="10" y="150" font-family="Pretendard" font-weight="700" font-size="${sizePx}">${text}</text></svg>`;
  const box = new Resvg(svg, { font: { fontFiles: [boldPath], loadSystemFonts: false } }).getBBox();
  if (box === undefined) throw new Error("nothing drawn");
  return box.width;
}

describe("readFontMetrics", () => {
  it("reads Pretendard's em and proportional Latin advances", () => {
    expect(bold.unitsPerEm).toBe(2048);
    expect(bold.advance("W".codePointAt(0) ?? 0)).toBeGreaterThan(bold.advance("i".codePointAt(0) ?? 0));
  });

  it("gives every Hangul syllable the same advance (format 4 or 12 lookup over the whole block)", () => {
    const first = bold.advance(0xac00); // 가
    expect(first).toBeGreaterThan(0);
    for (const cp of [0xac01, 0xb098, 0xc2e4, 0xd7a3]) expect(bold.advance(cp)).toBe(first);
  });

  it("agrees with what resvg draws to within the side bearings", () => {
    for (const text of ["Docker CPU limit cgroup", "컨테이너 메모리 제한", "VM·컨테이너 실습실"]) {
      const measured = bold.width(text, 100);
      const drawn = renderedWidth(text, 100);
      // Ink is narrower than the advance sum by the first and last glyphs' side bearings (a few px at 100 px).
      expect(drawn).toBeLessThanOrEqual(measured + 1);
      expect(drawn).toBeGreaterThan(measured - 16);
    }
  });

  it("rejects bytes that are not a font", () => {
    expect(() => readFontMetrics(new TextEncoder().encode("wOF2 is not parsed here, nor is text"))).toThrow(
      /not an OpenType/,
    );
  });
});
