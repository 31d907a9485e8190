/**
 * Builds the site's Pagefind index from the built pages, one index per language (Pagefind splits
 * by `<html lang>`), with the stems of Korean words added to each Korean page's record.
 *
 * Two passes over the same pages: the first lets Pagefind extract the text it indexes (the
 * `data-pagefind-body` of each article, without `data-pagefind-ignore` parts such as console
 * transcripts and pictures), the second indexes the pages again with that text's stems attached as
 * a hidden, searchable metadata field. Taking the stems from Pagefind's own extraction means a word
 * that only a console prints never reaches the index through its stem either.
 *
 * Pagefind's Node API: https://pagefind.app/docs/node-api/ — metadata fields are searched along
 * with the body, and an element inside `data-pagefind-ignore` still contributes its metadata
 * (https://pagefind.app/docs/metadata/), so the stems match without ever appearing in an excerpt.
 */
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import { gunzipSync } from "node:zlib";
import * as pagefind from "pagefind";
import type { PagefindIndex, PagefindServiceConfig } from "pagefind";
import { koreanStems } from "./korean-stem";

/** The folder under the build output that holds the index; the search UI loads `<base>pagefind/pagefind.js`. */
export const bundleFolder = "pagefind";

/** The metadata field that carries a page's stems. The UI never shows it. */
export const stemsField = "stems";

const indexConfig: PagefindServiceConfig = {
  // Inline SVG diagrams label boxes with single words; as text they read as word salad in an
  // excerpt. Their captions and the article prose say the same in sentences. The publication
  // date line is page furniture.
  excludeSelectors: ["svg", "article > header > .meta"],
};

/**
 * Only the files the site's own search UI loads: the default Pagefind UIs (about 400 KB) and the
 * highlighter are not used.
 */
function isRuntimeFile(path: string): boolean {
  return !/^pagefind-(ui|modular-ui|component-ui|highlight)\./.test(path);
}

export interface SearchIndexReport {
  /** Pages indexed per language, as Pagefind grouped them. */
  pages: Record<string, number>;
  /** Stems added across all Korean pages. */
  stems: number;
  /** Files written under `<outDir>/pagefind/` and their total size in bytes. */
  files: number;
  bytes: number;
}

interface Page {
  /** URL path relative to the site's base, e.g. `/ko/linux-namespaces/`; Pagefind's runtime prefixes the base. */
  url: string;
  html: string;
  lang: string;
}

async function htmlFiles(dir: string, skip: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(".html"))
    .map((e) => join(e.parentPath, e.name))
    .filter((path) => !path.startsWith(skip + sep))
    .sort();
}

function pageUrl(outDir: string, file: string): string {
  const path = relative(outDir, file).split(sep).join("/");
  return `/${path.replace(/(^|\/)index\.html$/, "$1")}`;
}

/** Pages that mark their indexable part; landing, index and embed pages do not and stay out of search. */
async function readPages(outDir: string): Promise<Page[]> {
  const pages: Page[] = [];
  for (const file of await htmlFiles(outDir, join(outDir, bundleFolder))) {
    const html = await readFile(file, "utf8");
    if (!/\sdata-pagefind-body[\s>=]/.test(html)) continue;
    const lang = /<html[^>]*\slang="([^"]+)"/.exec(html)?.[1] ?? "unknown";
    pages.push({ url: pageUrl(outDir, file), html, lang });
  }
  return pages;
}

function check(errors: string[], what: string): void {
  if (errors.length > 0) throw new Error(`Pagefind: ${what}: ${errors.join("; ")}`);
}

async function newIndex(): Promise<PagefindIndex> {
  const { index, errors } = await pagefind.createIndex(indexConfig);
  check(errors, "createIndex");
  if (index === undefined) throw new Error("Pagefind: createIndex returned no index");
  return index;
}

interface Fragment {
  url: string;
  content: string;
}

/** Pagefind fragments are gzip'd JSON after a 12-byte signature (pagefind.js `decompress`). */
function readFragment(bytes: Uint8Array): Fragment {
  const text = gunzipSync(bytes).toString("utf8");
  const signature = "pagefind_dcd";
  return JSON.parse(text.startsWith(signature) ? text.slice(signature.length) : text) as Fragment;
}

const escapeHtml = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The page's HTML with its stems in a hidden metadata element at the start of the indexed body. */
export function withStems(html: string, stems: readonly string[]): string {
  if (stems.length === 0) return html;
  const element = `<span hidden data-pagefind-ignore data-pagefind-meta="${stemsField}">${escapeHtml(stems.join(" "))}</span>`;
  return html.replace(/<[a-z][^>]*\sdata-pagefind-body(?:[\s=][^>]*)?>/, (open) => open + element);
}

/** Writes `<outDir>/pagefind/` for the pages built in `outDir`. */
export async function buildSearchIndex(outDir: string): Promise<SearchIndexReport> {
  const pages = await readPages(outDir);
  try {
    // Pass 1: what Pagefind extracts from each page.
    const first = await newIndex();
    for (const page of pages)
      check((await first.addHTMLFile({ url: page.url, content: page.html })).errors, page.url);
    const extracted = await first.getFiles();
    check(extracted.errors, "getFiles");
    const text = new Map<string, string>();
    for (const file of extracted.files) {
      if (!file.path.startsWith("fragment/")) continue;
      const fragment = readFragment(file.content);
      text.set(fragment.url, fragment.content);
    }
    await first.deleteIndex();

    // Pass 2: the same pages, Korean ones with their stems.
    const second = await newIndex();
    let stems = 0;
    const counts: Record<string, number> = {};
    for (const page of pages) {
      const pageStems = page.lang.startsWith("ko") ? koreanStems(text.get(page.url) ?? "") : [];
      stems += pageStems.length;
      counts[page.lang] = (counts[page.lang] ?? 0) + 1;
      const added = await second.addHTMLFile({ url: page.url, content: withStems(page.html, pageStems) });
      check(added.errors, page.url);
    }
    const { files, errors } = await second.getFiles();
    check(errors, "getFiles");

    const bundle = join(outDir, bundleFolder);
    await rm(bundle, { recursive: true, force: true });
    let bytes = 0;
    const written = files.filter((f) => isRuntimeFile(f.path));
    for (const file of written) {
      const target = join(bundle, file.path);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, file.content);
      bytes += file.content.byteLength;
    }
    return { pages: counts, stems, files: written.length, bytes };
  } finally {
    await pagefind.close();
  }
}
