// Builds the search index over the built site: `astro build && tsx scripts/pagefind.mjs`.
// The output folder follows astro.config.mjs (OUT_DIR, default dist); see src/search/pagefind-index.ts.
import { resolve } from "node:path";
import { buildSearchIndex } from "../src/search/pagefind-index.ts";

const outDir = resolve(process.env.OUT_DIR ?? "dist");
const started = performance.now();
try {
  const report = await buildSearchIndex(outDir);
  const pages = Object.entries(report.pages)
    .map(([lang, n]) => `${lang} ${n}`)
    .join(", ");
  const ms = Math.round(performance.now() - started);
  console.log(
    `search index: ${pages} pages, ${report.stems} Korean stems, ${report.files} files (${Math.round(report.bytes / 1024)} KiB) in ${ms} ms → ${outDir}/pagefind/`,
  );
} catch (error) {
  console.error(`search index: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
