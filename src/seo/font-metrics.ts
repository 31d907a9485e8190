/**
 * Horizontal advance widths read straight from an OpenType/TrueType font file, so the
 * Open Graph images wrap titles with the metrics of the font that resvg draws them in.
 * Only the four tables that hold advances are read (OpenType spec, "Font file" and
 * the table chapters): head (unitsPerEm), hhea (numberOfHMetrics), hmtx (advances)
 * and cmap (code point → glyph, formats 4 and 12). Kerning (GPOS) is ignored: it moves
 * a title by a few pixels, which the layout's margins absorb.
 */

export interface FontMetrics {
  readonly unitsPerEm: number;
  /** Advance width of one code point in font units; the .notdef advance when the font lacks it. */
  advance(codePoint: number): number;
  /** Width of a string in pixels at the given font size (no kerning, no letter-spacing). */
  width(text: string, fontSizePx: number): number;
}

type GlyphLookup = (codePoint: number) => number;

function tableOffsets(view: DataView): Map<string, number> {
  const numTables = view.getUint16(4);
  const tables = new Map<string, number>();
  for (let i = 0; i < numTables; i++) {
    const record = 12 + i * 16;
    const tag = String.fromCharCode(
      view.getUint8(record),
      view.getUint8(record + 1),
      view.getUint8(record + 2),
      view.getUint8(record + 3),
    );
    tables.set(tag, view.getUint32(record + 8));
  }
  return tables;
}

// cmap format 4 (OpenType spec, cmap §"Format 4: Segment mapping to delta values"): the BMP in segments.
function format4(view: DataView, at: number): GlyphLookup {
  const segCount = view.getUint16(at + 6) / 2;
  const endCodes = at + 14;
  const startCodes = endCodes + segCount * 2 + 2;
  const idDeltas = startCodes + segCount * 2;
  const idRangeOffsets = idDeltas + segCount * 2;
  return (cp) => {
    if (cp > 0xffff) return 0;
    for (let i = 0; i < segCount; i++) {
      if (view.getUint16(endCodes + i * 2) < cp) continue;
      const start = view.getUint16(startCodes + i * 2);
      if (start > cp) return 0;
      const delta = view.getInt16(idDeltas + i * 2);
      const rangeOffsetAt = idRangeOffsets + i * 2;
      const rangeOffset = view.getUint16(rangeOffsetAt);
      if (rangeOffset === 0) return (cp + delta) & 0xffff;
      const glyph = view.getUint16(rangeOffsetAt + rangeOffset + (cp - start) * 2);
      return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
    }
    return 0;
  };
}

// cmap format 12 (§"Format 12: Segmented coverage"): full Unicode in sequential groups.
function format12(view: DataView, at: number): GlyphLookup {
  const numGroups = view.getUint32(at + 12);
  return (cp) => {
    let lo = 0;
    let hi = numGroups - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const group = at + 16 + mid * 12;
      const start = view.getUint32(group);
      const end = view.getUint32(group + 4);
      if (cp < start) hi = mid - 1;
      else if (cp > end) lo = mid + 1;
      else return view.getUint32(group + 8) + (cp - start);
    }
    return 0;
  };
}

function glyphLookup(view: DataView, cmap: number): GlyphLookup {
  const numTables = view.getUint16(cmap + 2);
  let best: { at: number; format: number } | undefined;
  for (let i = 0; i < numTables; i++) {
    const record = cmap + 4 + i * 8;
    const platform = view.getUint16(record);
    const encoding = view.getUint16(record + 2);
    const at = cmap + view.getUint32(record + 4);
    const format = view.getUint16(at);
    // Unicode subtables only: Windows Unicode BMP (3,1) / full (3,10), or the Unicode platform (0,*).
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode || (format !== 4 && format !== 12)) continue;
    if (best === undefined || (format === 12 && best.format === 4)) best = { at, format };
  }
  if (best === undefined) throw new Error("font has no Unicode cmap subtable of format 4 or 12");
  return best.format === 12 ? format12(view, best.at) : format4(view, best.at);
}

/** Parses a font file's bytes. Throws on a file that is not a single sfnt font (e.g. a .ttc or a WOFF). */
export function readFontMetrics(bytes: Uint8Array): FontMetrics {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(0);
  // 0x00010000 = TrueType outlines, 'OTTO' = CFF outlines, 'true' = Apple TrueType.
  if (version !== 0x00010000 && version !== 0x4f54544f && version !== 0x74727565) {
    throw new Error("not an OpenType/TrueType font file");
  }
  const tables = tableOffsets(view);
  const head = tables.get("head");
  const hhea = tables.get("hhea");
  const hmtx = tables.get("hmtx");
  const cmap = tables.get("cmap");
  if (head === undefined || hhea === undefined || hmtx === undefined || cmap === undefined) {
    throw new Error("font lacks one of the head, hhea, hmtx, cmap tables");
  }
  const unitsPerEm = view.getUint16(head + 18);
  const numberOfHMetrics = view.getUint16(hhea + 34);
  const lookup = glyphLookup(view, cmap);
  // hmtx: glyphs past numberOfHMetrics share the last advance (monospaced tail).
  const advanceOfGlyph = (glyph: number): number =>
    view.getUint16(hmtx + Math.min(glyph, numberOfHMetrics - 1) * 4);
  const cache = new Map<number, number>();
  const advance = (codePoint: number): number => {
    let a = cache.get(codePoint);
    if (a === undefined) {
      a = advanceOfGlyph(lookup(codePoint));
      cache.set(codePoint, a);
    }
    return a;
  };
  return {
    unitsPerEm,
    advance,
    width(text, fontSizePx) {
      let units = 0;
      for (const ch of text) units += advance(ch.codePointAt(0) ?? 0);
      return (units * fontSizePx) / unitsPerEm;
    },
  };
}
