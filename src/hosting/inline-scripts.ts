/**
 * Our few inline scripts (src/inline/*.js) and their CSP hashes. Astro's CSP hashes the scripts it
 * bundles and its own island loaders, not `is:inline` ones, so the config adds these hashes to
 * script-src (CSP3 §8.3 "hash-source": SHA-256 of the script element's text, base64). Pages render
 * the very same text through `InlineScript.astro`, so hash and script cannot drift apart.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";

export type InlineScriptName = "theme-init" | "theme-toggle" | "landing-redirect" | "search";

export function cspHash(code: string): `sha256-${string}` {
  return `sha256-${createHash("sha256").update(code, "utf8").digest("base64")}`;
}

/** Hashes of every script in the folder (src/inline), for `security.csp.scriptDirective.hashes`. */
export function inlineScriptHashes(folder: URL): `sha256-${string}`[] {
  return readdirSync(folder)
    .filter((f) => f.endsWith(".js"))
    .sort()
    .map((f) => cspHash(readFileSync(new URL(f, folder), "utf8")));
}
