import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { cspHash, inlineScriptHashes } from "./inline-scripts";

describe("inline script hashes", () => {
  it("is the base64 SHA-256 of the script text, as CSP3 hash-source defines it", () => {
    // CSP3 §8.3 example: "alert('Hello, world.');" → sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng=
    expect(cspHash("alert('Hello, world.');")).toBe("sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng=");
  });

  it("covers every script in src/inline", () => {
    const folder = new URL("../inline/", import.meta.url);
    const hashes = inlineScriptHashes(folder);
    for (const name of ["theme-init", "theme-toggle", "landing-redirect"]) {
      const text = readFileSync(new URL(`${name}.js`, folder), "utf8");
      expect(hashes).toContain(`sha256-${createHash("sha256").update(text).digest("base64")}`);
    }
  });
});
