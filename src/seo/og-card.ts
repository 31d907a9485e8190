/**
 * The SVG of an Open Graph card (1200×630), drawn for resvg: site name, the part of the series,
 * the title wrapped with the real font's advances, a row of squares for the series with this
 * article's square lit, and a layer stack (hardware, kernel or hypervisor, guests) as the motif.
 * Colours are the site's dark-theme tokens (src/styles/global.css), whose text pairs pass WCAG AA.
 */
import type { FontMetrics } from "./font-metrics";
import { ogImageHeightPx, ogImageWidthPx, type OgCard } from "./og-image";
import { fitTitle, wrapText } from "./wrap";

const palette = {
  bg: "#0d1117",
  fg: "#e6edf3",
  fgMuted: "#9ea7b3",
  surface: "#161b22",
  surface2: "#212830",
  border: "#3d444d",
  accent: "#58a6ff",
  accent2: "#b48cff",
  accent3: "#4ac26b",
} as const;

/** The family name resvg matches the font files by (Pretendard's name table). */
export const cardFontFamily = "Pretendard";

const marginPx = 72;
/** The title column ends where the motif begins. */
const titleMaxWidthPx = 780;
const titleMaxLines = 3;
/** Largest first: a short title is set big, a long one steps down before it would need a fourth line. */
const titleSizesPx = [68, 60, 52, 46] as const;
const titleTopPx = 214;
const kickerSizePx = 28;

/** Escapes text for SVG character data and attribute values (XML 1.0 §2.4). */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function seriesSquares(card: OgCard): string {
  const size = 22;
  const gap = 10;
  const y = ogImageHeightPx - marginPx - size;
  const squares: string[] = [];
  for (let i = 1; i <= card.total; i++) {
    const x = marginPx + (i - 1) * (size + gap);
    const lit = card.position === undefined || i === card.position;
    const fill = lit ? (card.position === undefined ? palette.accent3 : palette.accent) : palette.surface2;
    squares.push(
      `<rect x="${x}" y="${y}" width="${size}" height="${size}" rx="4" fill="${fill}" stroke="${palette.border}"/>`,
    );
  }
  return squares.join("");
}

/** Hardware at the bottom, the kernel or hypervisor above it, guests (VMs or containers) on top. */
function layerMotif(): string {
  const x = 900;
  const w = 228;
  const parts = [
    `<rect x="${x}" y="410" width="${w}" height="56" rx="10" fill="${palette.surface2}" stroke="${palette.border}" stroke-width="2"/>`,
    `<rect x="${x}" y="340" width="${w}" height="56" rx="10" fill="${palette.accent3}" fill-opacity="0.85"/>`,
  ];
  const guestW = 68;
  const guestColors = [palette.accent, palette.accent2, palette.accent];
  guestColors.forEach((color, i) => {
    const gx = x + i * (guestW + 12);
    parts.push(
      `<rect x="${gx}" y="190" width="${guestW}" height="136" rx="10" fill="${color}" fill-opacity="0.9"/>`,
    );
    // Processes inside each guest.
    for (let row = 0; row < 3; row++) {
      parts.push(
        `<rect x="${gx + 14}" y="${210 + row * 36}" width="${guestW - 28}" height="20" rx="4" fill="${palette.bg}" fill-opacity="0.55"/>`,
      );
    }
  });
  return parts.join("");
}

export function ogCardSvg(card: OgCard, siteName: string, bold: FontMetrics): string {
  const title = fitTitle(card.title, titleMaxWidthPx, titleMaxLines, titleSizesPx, (s, size) =>
    bold.width(s, size),
  );
  // The kicker runs above the motif, so it may use the full width, on one line.
  const kicker =
    wrapText(card.kicker, ogImageWidthPx - 2 * marginPx, 1, (s) => bold.width(s, kickerSizePx)).lines[0] ??
    "";
  const lineHeightPx = Math.round(title.fontSizePx * 1.25);
  // The first baseline sits one font size below the top of the title block (ascender ≈ 0.93 em in Pretendard).
  const titleLines = title.lines
    .map(
      (line, i) =>
        `<text x="${marginPx}" y="${titleTopPx + title.fontSizePx + i * lineHeightPx}">${escapeXml(line)}</text>`,
    )
    .join("");
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${ogImageWidthPx}" height="${ogImageHeightPx}" viewBox="0 0 ${ogImageWidthPx} ${ogImageHeightPx}">`,
    `<rect width="100%" height="100%" fill="${palette.bg}"/>`,
    `<rect width="100%" height="10" fill="${palette.accent}"/>`,
    `<g font-family="${cardFontFamily}">`,
    `<text x="${marginPx}" y="${marginPx + 34}" font-size="32" font-weight="700" fill="${palette.fg}">${escapeXml(siteName)}</text>`,
    `<text x="${marginPx}" y="${marginPx + 92}" font-size="${kickerSizePx}" font-weight="600" fill="${palette.accent}">${escapeXml(kicker)}</text>`,
    `<g font-size="${title.fontSizePx}" font-weight="700" fill="${palette.fg}">${titleLines}</g>`,
    `</g>`,
    layerMotif(),
    seriesSquares(card),
    `</svg>`,
  ].join("");
}
