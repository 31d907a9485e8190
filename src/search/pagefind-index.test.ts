import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSearchIndex, stemsField, withStems } from "./pagefind-index";

/** A tiny built site: two articles, a page without `data-pagefind-body`, and a console transcript. */
const site: Record<string, string> = {
  "ko/a/index.html": `<!doctype html><html lang="ko"><head><title>가</title></head><body>
    <nav>탐색메뉴는 색인되지 않습니다</nav>
    <article data-pagefind-body><header><h1>컨테이너 격리</h1><p class="meta">게시일 2026년</p></header>
      <p>컨테이너는 네임스페이스를 씁니다. 스로틀링이 일어납니다.</p>
      <svg><text>그림라벨이</text></svg>
      <div data-pagefind-ignore><pre>콘솔에서만나오는말이 출력됩니다</pre></div>
    </article></body></html>`,
  "en/a/index.html": `<!doctype html><html lang="en"><head><title>A</title></head><body>
    <article data-pagefind-body><h1>Container isolation</h1><p>Containers share the kernel.</p></article></body></html>`,
  "index.html": `<!doctype html><html lang="ko"><body><p>랜딩페이지는 빠집니다</p></body></html>`,
};

interface Fragment {
  url: string;
  content: string;
  meta: Record<string, string>;
}

let out: string;
let fragments: Fragment[];
let files: string[];

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), "vmlab-search-"));
  for (const [path, html] of Object.entries(site)) {
    await mkdir(dirname(join(out, path)), { recursive: true });
    await writeFile(join(out, path), html);
  }
  await buildSearchIndex(out);
  const bundle = join(out, "pagefind");
  files = (await readdir(bundle, { recursive: true })).map(String).sort();
  fragments = [];
  for (const f of files.filter((p) => p.startsWith("fragment/"))) {
    const text = gunzipSync(await readFile(join(bundle, f))).toString("utf8");
    fragments.push(JSON.parse(text.slice("pagefind_dcd".length)) as Fragment);
  }
}, 30_000);

afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

describe("buildSearchIndex", () => {
  it("indexes the marked articles, one index per language, and nothing else", () => {
    expect(fragments.map((f) => f.url).sort()).toEqual(["/en/a/", "/ko/a/"]);
    expect(files.filter((f) => f.startsWith("pagefind.") && f.endsWith(".pf_meta")).length).toBe(2);
    expect(files.some((f) => f.startsWith("pagefind.en_"))).toBe(true);
    expect(files.some((f) => f.startsWith("pagefind.ko_"))).toBe(true);
  });

  it("gives Korean records the stems of their words, and English records none", () => {
    const ko = fragments.find((f) => f.url === "/ko/a/");
    const en = fragments.find((f) => f.url === "/en/a/");
    expect(ko?.meta[stemsField]?.split(" ")).toEqual(
      expect.arrayContaining(["컨테이너", "네임스페이스", "스로틀링"]),
    );
    expect(en?.meta[stemsField]).toBeUndefined();
  });

  it("takes stems only from indexed text: not from transcripts, diagrams, dates or navigation", () => {
    const ko = fragments.find((f) => f.url === "/ko/a/");
    const all = `${ko?.content ?? ""} ${ko?.meta[stemsField] ?? ""}`;
    for (const word of ["콘솔에서만나오는말", "그림라벨", "게시일", "탐색메뉴"])
      expect(all).not.toContain(word);
    // …and the stems are searchable metadata, not text an excerpt could show.
    expect(ko?.content).not.toContain("스로틀링 ");
  });

  it("writes only the runtime the site's own dialog loads, not Pagefind's default UIs", () => {
    expect(files).toContain("pagefind.js");
    expect(files).toContain("pagefind-entry.json");
    expect(files.some((f) => /pagefind-(ui|modular-ui|component-ui|highlight)\./.test(f))).toBe(false);
  });
});

describe("withStems", () => {
  it("puts an ignored metadata element at the start of the indexed element, escaped", () => {
    const html = '<body><main data-pagefind-body class="x"><p>a</p></main></body>';
    expect(withStems(html, ["docker-<id>.scope", "컨테이너"])).toBe(
      '<body><main data-pagefind-body class="x"><span hidden data-pagefind-ignore data-pagefind-meta="stems">docker-&lt;id&gt;.scope 컨테이너</span><p>a</p></main></body>',
    );
  });

  it("leaves a page without stems unchanged", () => {
    expect(withStems("<article data-pagefind-body></article>", [])).toBe(
      "<article data-pagefind-body></article>",
    );
  });
});
