import { describe, expect, it } from "vitest";
import { xDefaultPath } from "./hreflang";

describe("xDefaultPath", () => {
  it("sends the home pages' x-default to the landing page", () => {
    expect(xDefaultPath({ ko: "/ko/", en: "/en/" })).toBe("/");
  });

  it("sends an article's x-default to its English version", () => {
    expect(xDefaultPath({ ko: "/ko/linux-namespaces/", en: "/en/linux-namespaces/" })).toBe(
      "/en/linux-namespaces/",
    );
  });

  it("falls back to the landing page for a page without an English version", () => {
    expect(xDefaultPath({ ko: "/ko/only-korean/" })).toBe("/");
  });
});
