import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readFontMetrics } from "./font-metrics";
import { fitTitle, wrapText, type MeasureText } from "./wrap";

/** Every character 10 px wide: widths in tests are character counts × 10. */
const mono: MeasureText = (s) => Array.from(s).length * 10;

const require = createRequire(import.meta.url);
const bold = readFontMetrics(
  readFileSync(require.resolve("pretendard/dist/public/static/Pretendard-Bold.otf")),
);

/** Reference first-fit fill (words here are never wider than the line: at most 12 × 10 px ≤ 120 px). */
function firstFitLineCount(words: string[], width: number): number {
  let count = 0;
  let line = "";
  for (const w of words) {
    const candidate = line === "" ? w : `${line} ${w}`;
    if (line !== "" && mono(candidate) > width) {
      count++;
      line = w;
    } else line = candidate;
  }
  return count + (line === "" ? 0 : 1);
}

describe("wrapText", () => {
  it("breaks English at spaces and balances the lines", () => {
    // Greedy at 200 px gives "Does Docker run on a" / "VM?"; balanced, the longer line is as short as it can be.
    const { lines, truncated } = wrapText("Does Docker run on a VM?", 200, 3, mono);
    expect(truncated).toBe(false);
    expect(lines).toEqual(["Does Docker", "run on a VM?"]);
  });

  it("breaks Korean only between words (keep-all), never inside a word", () => {
    const title = "도커와 가상 머신의 차이: 컨테이너는 VM 안에서 돌아갈까";
    const words = title.split(" ");
    for (const width of [100, 140, 200, 260, 400]) {
      const { lines } = wrapText(title, width, 10, mono);
      expect(lines.flatMap((l) => l.split(" "))).toEqual(words);
      for (const line of lines) expect(mono(line)).toBeLessThanOrEqual(width);
    }
  });

  it("splits a word between characters only when it is wider than the line", () => {
    const { lines } = wrapText("가상머신하이퍼바이저 VM", 50, 5, mono);
    expect(lines).toEqual(["가상머신하", "이퍼바이저", "VM"]);
  });

  it("cuts the last line with an ellipsis when the text needs more lines", () => {
    const { lines, truncated } = wrapText("one two three four five six", 90, 2, mono);
    expect(truncated).toBe(true);
    expect(lines).toHaveLength(2);
    expect(lines[1]?.endsWith("…")).toBe(true);
    for (const line of lines) expect(mono(line)).toBeLessThanOrEqual(90);
  });

  it("gives no lines for blank text and collapses whitespace", () => {
    expect(wrapText("  \n\t ", 100, 3, mono).lines).toEqual([]);
    expect(wrapText("a   b\n c", 100, 3, mono).lines).toEqual(["a b c"]);
  });

  it("keeps every line within the width and every word in order (property)", () => {
    const word = fc.stringMatching(/^[a-z가-힣]{1,12}$/);
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 120, max: 600 }),
        (words, width) => {
          const { lines, truncated } = wrapText(words.join(" "), width, 50, mono);
          expect(truncated).toBe(false);
          for (const line of lines) expect(mono(line)).toBeLessThanOrEqual(width);
          // Words wider than the line are split; the characters still come out in order.
          expect(lines.join("").replace(/ /g, "")).toBe(words.join(""));
          // Balancing keeps the line count of a plain first-fit fill.
          expect(lines).toHaveLength(firstFitLineCount(words, width));
        },
      ),
    );
  });
});

describe("fitTitle with Pretendard Bold metrics", () => {
  const measureAt = (s: string, size: number): number => bold.width(s, size);

  it("sets a short title at the largest size on one or two lines", () => {
    const fitted = fitTitle("도커 가상머신 차이", 780, 3, [68, 60, 52], measureAt);
    expect(fitted.fontSizePx).toBe(68);
    expect(fitted.lines).toEqual(["도커 가상머신 차이"]);
  });

  it("steps the size down for a long title instead of cutting it", () => {
    const title = "Container vs VM isolation: shared kernel, seccomp, capabilities, gVisor and Kata";
    const fitted = fitTitle(title, 780, 3, [68, 60, 52, 46], measureAt);
    expect(fitted.truncated).toBe(false);
    expect(fitted.fontSizePx).toBeLessThan(68);
    expect(fitted.lines.length).toBeLessThanOrEqual(3);
    for (const line of fitted.lines) expect(bold.width(line, fitted.fontSizePx)).toBeLessThanOrEqual(780);
  });

  it("refuses an empty list of sizes", () => {
    expect(() => fitTitle("x", 100, 1, [], measureAt)).toThrow(RangeError);
  });
});
