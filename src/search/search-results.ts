/**
 * Turning Pagefind's answers into what the dialog shows, without the DOM (unit-tested).
 *
 * Pagefind's excerpts are the page's plain text with matched words wrapped in `<mark>`; the text
 * itself is not HTML-escaped (a page that mentions `docker-<id>.scope` yields that literal `<id>`).
 * So an excerpt is never given to innerHTML: it is split on `<mark>` and `</mark>` only, and every
 * part becomes text.
 */

/** The subset of Pagefind's result data the dialog uses (pagefind.app/docs/api/#loading-a-result). */
export interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
  sub_results?: { title: string; url: string; excerpt: string; locations?: number[] }[];
}

export interface ExcerptPart {
  text: string;
  mark: boolean;
}

export interface SearchHit {
  title: string;
  /** The heading of the section that holds most matches, when it is not the page's top. */
  section: string | undefined;
  url: string;
  excerpt: ExcerptPart[];
}

export function excerptParts(excerpt: string): ExcerptPart[] {
  const parts: ExcerptPart[] = [];
  let mark = false;
  for (const piece of excerpt.split(/(<\/?mark>)/)) {
    if (piece === "<mark>") mark = true;
    else if (piece === "</mark>") mark = false;
    else if (piece !== "") {
      const last = parts.at(-1);
      if (last !== undefined && last.mark === mark) last.text += piece;
      else parts.push({ text: piece, mark });
    }
  }
  return parts;
}

/**
 * One result: the page title, and the link and excerpt of its best section (the one with most
 * matched words) so the reader lands where the words are.
 */
export function toHit(data: PagefindResultData): SearchHit {
  const title = data.meta["title"] ?? data.url;
  const best = (data.sub_results ?? []).reduce<
    NonNullable<PagefindResultData["sub_results"]>[number] | undefined
  >((top, sub) => ((sub.locations?.length ?? 0) > (top?.locations?.length ?? 0) ? sub : top), undefined);
  const inSection = best !== undefined && best.url.includes("#") && best.title !== title;
  return {
    title,
    section: inSection ? best.title : undefined,
    url: inSection ? best.url : data.url,
    excerpt: excerptParts(inSection ? best.excerpt : data.excerpt),
  };
}

/** `{name}` placeholders in a UI string. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}
