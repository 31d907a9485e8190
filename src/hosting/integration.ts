import { writeFile } from "node:fs/promises";
import type { AstroIntegration } from "astro";
import { renderHeaders } from "./headers";

/** Writes `_headers` beside the built pages once the build is done. */
export function hostingHeaders(): AstroIntegration {
  let base = "/";
  return {
    name: "vmlab:hosting-headers",
    hooks: {
      "astro:config:done": ({ config }) => {
        base = config.base;
      },
      "astro:build:done": async ({ dir, pages }) => {
        const text = renderHeaders({ base, pages: pages.map((p) => p.pathname) });
        await writeFile(new URL("_headers", dir), text);
      },
    },
  };
}
