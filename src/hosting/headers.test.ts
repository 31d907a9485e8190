import { describe, expect, it } from "vitest";
import { isEmbedPage, renderHeaders } from "./headers";

/** The rules of a rendered file: pattern → headers. */
function parse(text: string): Map<string, string[]> {
  const rules = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    if (!line.startsWith(" ")) {
      expect(rules.has(line), `pattern ${line} appears once`).toBe(false);
      current = [];
      rules.set(line, current);
    } else current?.push(line.trim());
  }
  return rules;
}

describe("_headers", () => {
  const pages = ["", "ko/", "en/", "ko/linux-namespaces/", "en/embed/", "en/embed/cgroup/", "ko/embed/mmu/"];

  it("lets only simulator embed pages be framed by other origins", () => {
    const rules = parse(renderHeaders({ base: "/", pages }));
    expect(rules.get("/en/embed/cgroup/")).toEqual(["Content-Security-Policy: frame-ancestors *"]);
    expect(rules.get("/ko/embed/mmu/index.html")).toEqual(["Content-Security-Policy: frame-ancestors *"]);
    for (const page of ["/", "/ko/", "/ko/linux-namespaces/", "/en/embed/", "/en/embed/index.html"]) {
      expect(rules.get(page), page).toEqual([
        "Content-Security-Policy: frame-ancestors 'self'",
        "X-Frame-Options: SAMEORIGIN",
      ]);
    }
  });

  it("prefixes every rule with the base path", () => {
    const text = renderHeaders({ base: "/courses/os/vm/", pages });
    const patterns = [...parse(text).keys()];
    expect(patterns.every((p) => p.startsWith("/courses/os/vm/"))).toBe(true);
    expect(patterns).toContain("/courses/os/vm/_astro/*");
    expect(patterns).toContain("/courses/os/vm/en/embed/cgroup/");
  });

  it("sends CORS headers on the bundles an opaque-origin (sandboxed) embed must fetch", () => {
    const rules = parse(renderHeaders({ base: "/", pages }));
    expect(rules.get("/_astro/*")).toContain("Access-Control-Allow-Origin: *");
    expect(rules.get("/pagefind/*")).toContain("Access-Control-Allow-Origin: *");
  });

  it("tells embed pages from the instructors' guide", () => {
    expect(isEmbedPage("ko/embed/cgroup/")).toBe(true);
    expect(isEmbedPage("ko/embed/")).toBe(false);
    expect(isEmbedPage("ko/embedded/cgroup/")).toBe(false);
    expect(isEmbedPage("ko/embed/cgroup/oembed.json")).toBe(false);
  });
});
