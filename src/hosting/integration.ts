import { rename, rm, writeFile } from "node:fs/promises";
import type { AstroIntegration } from "astro";
import { renderHeaders } from "./headers";

/** Once the build is done: per-language 404 pages where hosts look for them, and the `_headers` file. */
export function hostingHeaders(): AstroIntegration {
  let base = "/";
  return {
    name: "vmlab:hosting-headers",
    hooks: {
      "astro:config:done": ({ config }) => {
        base = config.base;
      },
      "astro:build:done": async ({ dir, pages }) => {
        // Astro writes /ko/404/index.html; hosts look for /ko/404.html (the nearest 404.html up the tree).
        for (const lang of ["ko", "en"]) {
          await rename(new URL(`${lang}/404/index.html`, dir), new URL(`${lang}/404.html`, dir));
          await rm(new URL(`${lang}/404/`, dir), { recursive: true });
        }
        const text = renderHeaders({
          base,
          pages: pages.map((p) => p.pathname).filter((p) => !/(^|\/)404\/$/.test(p)),
        });
        await writeFile(new URL("_headers", dir), text);
      },
    },
  };
}
