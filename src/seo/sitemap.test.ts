import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isNoindexPage, withLandingAsXDefault } from "./sitemap";

const root = "https://vmlab.example/courses/os/vm/";
const urls = { landing: root, homes: { "ko-KR": `${root}ko/`, "en-US": `${root}en/` }, englishLang: "en-US" };

describe("withLandingAsXDefault", () => {
  it("gives the landing page the two homes and itself as x-default", () => {
    const item = withLandingAsXDefault({ url: root, links: [{ lang: "ko-KR", url: root }] }, urls);
    expect(item.links).toEqual([
      { lang: "ko-KR", url: `${root}ko/` },
      { lang: "en-US", url: `${root}en/` },
      { lang: "x-default", url: root },
    ]);
  });

  it("drops the landing page as a second Korean version of the homes and adds it as x-default", () => {
    const item = withLandingAsXDefault(
      {
        url: `${root}en/`,
        links: [
          { lang: "ko-KR", url: root },
          { lang: "en-US", url: `${root}en/` },
          { lang: "ko-KR", url: `${root}ko/` },
        ],
      },
      urls,
    );
    expect(item.links?.map((l) => l.lang)).toEqual(["en-US", "ko-KR", "x-default"]);
    expect(item.links?.filter((l) => l.lang === "ko-KR")).toEqual([{ lang: "ko-KR", url: `${root}ko/` }]);
  });

  it("names an article's English version as its x-default", () => {
    const item = withLandingAsXDefault(
      {
        url: `${root}ko/a/`,
        links: [
          { lang: "ko-KR", url: `${root}ko/a/` },
          { lang: "en-US", url: `${root}en/a/` },
        ],
      },
      urls,
    );
    expect(item.links?.at(-1)).toEqual({ lang: "x-default", url: `${root}en/a/` });
  });

  it("leaves a page without alternates alone", () => {
    expect(withLandingAsXDefault({ url: `${root}embed/x/` }, urls)).toEqual({ url: `${root}embed/x/` });
  });
});

describe("isNoindexPage", () => {
  const out = mkdtempSync(join(tmpdir(), "sitemap-"));
  const page = (path: string, head: string): void => {
    mkdirSync(join(out, path), { recursive: true });
    writeFileSync(
      join(out, path, "index.html"),
      `<!doctype html><html><head>${head}</head><body></body></html>`,
    );
  };
  page("ko/embed/cgroup", '<meta name="robots" content="noindex">');
  page("ko/linux-namespaces", '<meta name="description" content="noindex is only a word here">');
  const siteRoot = new URL(root);

  it("finds the robots noindex tag of a built page under the base", () => {
    expect(isNoindexPage(`${root}ko/embed/cgroup/`, siteRoot, out)).toBe(true);
    expect(isNoindexPage(`${root}ko/linux-namespaces/`, siteRoot, out)).toBe(false);
  });

  it("keeps pages it cannot read or that are outside the base", () => {
    expect(isNoindexPage(`${root}ko/missing/`, siteRoot, out)).toBe(false);
    expect(isNoindexPage("https://vmlab.example/elsewhere/", siteRoot, out)).toBe(false);
  });
});
