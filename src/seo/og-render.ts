/**
 * Rasterizes Open Graph cards at build time with resvg. The Pretendard font files (SIL OFL 1.1,
 * npm package "pretendard") are read from node_modules during the build only; no font ships to readers.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { Resvg } from "@resvg/resvg-js";
import { t } from "../i18n/ui";
import { readFontMetrics, type FontMetrics } from "./font-metrics";
import { cardFontFamily, ogCardSvg } from "./og-card";
import type { OgCard } from "./og-image";

// Resolved from the project root, not from this module: the built endpoint runs from the output folder.
const requireFromRoot = createRequire(join(process.cwd(), "package.json"));
const fontFiles = ["Pretendard-Bold.otf", "Pretendard-SemiBold.otf"].map((name) =>
  requireFromRoot.resolve(`pretendard/dist/public/static/${name}`),
);

let boldMetrics: FontMetrics | undefined;

export function renderOgCard(card: OgCard): Uint8Array<ArrayBuffer> {
  boldMetrics ??= readFontMetrics(readFileSync(fontFiles[0] ?? ""));
  const svg = ogCardSvg(card, t(card.lang, "site.name"), boldMetrics);
  const resvg = new Resvg(svg, {
    font: { fontFiles, loadSystemFonts: false, defaultFontFamily: cardFontFamily },
    // Text is drawn from the font's outlines; no system fonts, so the card looks the same on every machine.
    shapeRendering: 2,
    textRendering: 1,
  });
  return new Uint8Array(resvg.render().asPng());
}
