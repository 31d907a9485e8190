/**
 * Line breaking for the titles on Open Graph images, where there is no browser to do it.
 *
 * Breaks only at spaces, in both languages. For Korean this is what CSS `word-break: keep-all`
 * does (CSS Text 3 §5.2): Korean puts spaces between words (어절), and a headline that splits a
 * word across lines ("가상 머/신") reads as a mistake. English breaks at spaces anyway.
 * Only a single word wider than the whole line is split between characters (between Hangul
 * syllables or Latin letters), the way `overflow-wrap: anywhere` would.
 *
 * Lines are then balanced (as CSS `text-wrap: balance` does): the same number of lines as a
 * greedy fill, but with the narrowest width that still needs no more lines, so a title does not
 * end on a lone word.
 */

/** Width of a string in pixels, for the font and size being laid out. */
export type MeasureText = (text: string) => number;

export interface WrapResult {
  lines: string[];
  /** True when the text needed more than maxLines and the last line was cut with an ellipsis. */
  truncated: boolean;
}

const ellipsis = "…";

/** Splits a word that is wider than maxWidth into pieces that fit, between characters. */
function splitWord(word: string, maxWidth: number, measure: MeasureText): string[] {
  const pieces: string[] = [];
  let current = "";
  for (const ch of word) {
    if (current !== "" && measure(current + ch) > maxWidth) {
      pieces.push(current);
      current = ch;
    } else {
      current += ch;
    }
  }
  if (current !== "") pieces.push(current);
  return pieces;
}

/** First-fit: as many words on each line as fit in maxWidth. */
function greedy(words: string[], maxWidth: number, measure: MeasureText): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of words) {
    const candidate = line === "" ? word : `${line} ${word}`;
    if (line !== "" && measure(candidate) > maxWidth) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line !== "") lines.push(line);
  return lines;
}

function truncate(lines: string[], maxLines: number, maxWidth: number, measure: MeasureText): string[] {
  const kept = lines.slice(0, maxLines);
  let last = `${kept[maxLines - 1] ?? ""} ${lines.slice(maxLines).join(" ")}`;
  // Drop characters from the end until the line and its ellipsis fit.
  const chars = Array.from(last);
  while (chars.length > 0 && measure(chars.join("").trimEnd() + ellipsis) > maxWidth) chars.pop();
  last = chars.join("").trimEnd() + ellipsis;
  kept[maxLines - 1] = last;
  return kept;
}

/**
 * Wraps text into at most maxLines lines no wider than maxWidth (as measured by `measure`).
 * Whitespace runs collapse to one space; empty text gives no lines.
 */
export function wrapText(text: string, maxWidth: number, maxLines: number, measure: MeasureText): WrapResult {
  const words = text
    .split(/\s+/u)
    .filter((w) => w !== "")
    .flatMap((w) => (measure(w) > maxWidth ? splitWord(w, maxWidth, measure) : [w]));
  if (words.length === 0 || maxLines < 1) return { lines: [], truncated: false };

  const lines = greedy(words, maxWidth, measure);
  if (lines.length > maxLines)
    return { lines: truncate(lines, maxLines, maxWidth, measure), truncated: true };

  // Balance: binary search the narrowest width that keeps the same line count.
  const widest = Math.max(...words.map(measure));
  let lo = widest;
  let hi = maxWidth;
  let best = lines;
  while (hi - lo > 1) {
    const mid = (lo + hi) / 2;
    const attempt = greedy(words, mid, measure);
    if (attempt.length <= lines.length) {
      best = attempt;
      hi = mid;
    } else {
      lo = mid;
    }
  }
  return { lines: best, truncated: false };
}

export interface FittedTitle extends WrapResult {
  fontSizePx: number;
}

/**
 * Picks the largest of the candidate font sizes (largest first) at which the text fits in maxLines;
 * at the smallest size a title that still does not fit is cut with an ellipsis.
 */
export function fitTitle(
  text: string,
  maxWidth: number,
  maxLines: number,
  fontSizesPx: readonly number[],
  measureAt: (text: string, fontSizePx: number) => number,
): FittedTitle {
  const sizes = [...fontSizesPx].sort((a, b) => b - a);
  const smallest = sizes.at(-1);
  if (smallest === undefined) throw new RangeError("fitTitle needs at least one font size");
  for (const size of sizes.slice(0, -1)) {
    const result = wrapText(text, maxWidth, maxLines, (s) => measureAt(s, size));
    if (!result.truncated) return { ...result, fontSizePx: size };
  }
  return { ...wrapText(text, maxWidth, maxLines, (s) => measureAt(s, smallest)), fontSizePx: smallest };
}
