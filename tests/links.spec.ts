import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { expect, test } from "@playwright/test";

/**
 * Every internal link and anchor of the built site resolves, in both
 * languages: a plain walk over dist/ (no browser needed).
 */
const dist = resolve(import.meta.dirname, "..", process.env.DIST_DIR ?? "dist");

function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return htmlFiles(path);
    return name.endsWith(".html") ? [path] : [];
  });
}

function targetFile(urlPath: string): string | undefined {
  const clean = decodeURIComponent(urlPath.split(/[?#]/)[0]!);
  const candidates = [join(dist, clean), join(dist, clean, "index.html")];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile());
}

test("every internal link and anchor in dist/ resolves", () => {
  const files = htmlFiles(dist);
  expect(files.length).toBeGreaterThan(4);
  const idsByFile = new Map<string, Set<string>>();
  const ids = (file: string): Set<string> => {
    let set = idsByFile.get(file);
    if (set === undefined) {
      set = new Set([...readFileSync(file, "utf8").matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!));
      idsByFile.set(file, set);
    }
    return set;
  };
  const broken: string[] = [];
  for (const file of files) {
    const html = readFileSync(file, "utf8");
    const page = "/" + file.slice(dist.length + 1).replace(/index\.html$/, "");
    for (const m of html.matchAll(/\s(?:href|src)="([^"]+)"/g)) {
      const url = m[1]!.replace(/&amp;/g, "&");
      if (/^(https?:|mailto:|data:|javascript:)/.test(url) || url.startsWith("//")) continue;
      const [path, anchor] = url.split("#");
      const absolute =
        path === "" ? page : path!.startsWith("/") ? path! : new URL(path!, `http://x${page}`).pathname;
      const target = targetFile(absolute);
      if (target === undefined) {
        broken.push(`${page}: ${url}`);
        continue;
      }
      if (
        anchor !== undefined &&
        anchor !== "" &&
        target.endsWith(".html") &&
        !ids(target).has(decodeURIComponent(anchor))
      ) {
        broken.push(`${page}: ${url} (no #${anchor})`);
      }
    }
  }
  expect(broken).toEqual([]);
});

test("no Markdown emphasis is left unrendered in the built pages (e.g. before a Korean particle)", () => {
  const leftovers: string[] = [];
  for (const file of htmlFiles(dist)) {
    const text = readFileSync(file, "utf8")
      .replace(/<(script|style|pre|code)[\s\S]*?<\/\1>/g, "")
      .replace(/<[^>]+>/g, "");
    // CommonMark does not close `**…)**` or `_…_` right before a Hangul particle: the markers show as text.
    for (const m of text.matchAll(
      /.{0,20}(?:\*\*|(?<=[\uac00-\ud7a3)])\*|\*(?=[\uac00-\ud7a3])|(?<=[\uac00-\ud7a3)])_(?=[\uac00-\ud7a3])).{0,20}/g,
    )) {
      leftovers.push(`${file.slice(dist.length)}: ${m[0]}`);
    }
  }
  expect(leftovers).toEqual([]);
});
