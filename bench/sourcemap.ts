/**
 * Which source module each byte of a built chunk came from, read from the chunk's source map
 * (the technique of source-map-explorer). Source Map Revision 3
 * (https://tc39.es/ecma426/): `mappings` is one group per generated line separated by `;`,
 * segments separated by `,`, each segment Base64 VLQ fields relative to the previous one:
 * generated column, source index, original line, original column[, name].
 */

export interface RawSourceMap {
  version: number;
  sources: string[];
  sourceRoot?: string;
  mappings: string;
}

const base64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const digit = new Map([...base64].map((c, i) => [c, i]));

/** Decodes one segment's Base64 VLQ fields (ECMA-426 §"Mappings structure"). */
export function decodeVlq(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const c of segment) {
    const d = digit.get(c);
    if (d === undefined) throw new Error(`not a Base64 VLQ digit: ${c}`);
    // 5 value bits per digit, the 6th bit says another digit follows.
    value += (d & 31) * 2 ** shift;
    if ((d & 32) !== 0) {
      shift += 5;
      continue;
    }
    // The lowest bit of the assembled value is the sign.
    values.push(value % 2 === 1 ? -(value - 1) / 2 : value / 2);
    value = 0;
    shift = 0;
  }
  if (shift !== 0) throw new Error("truncated VLQ segment");
  return values;
}

/**
 * Characters of `code` attributed to each source of `map`; characters before the first
 * segment of a line, or in segments without a source, go to `(unmapped)`.
 */
export function attributeBytes(code: string, map: RawSourceMap): Map<string, number> {
  const totals = new Map<string, number>();
  const add = (source: string, n: number): void => {
    if (n > 0) totals.set(source, (totals.get(source) ?? 0) + n);
  };
  const lines = code.split("\n");
  const groups = map.mappings.split(";");
  let sourceIndex = 0;
  for (let lineNo = 0; lineNo < lines.length; lineNo++) {
    const line = lines[lineNo] ?? "";
    // +1: the newline belongs to the line it ends (none after the last line).
    const lineLength = line.length + (lineNo < lines.length - 1 ? 1 : 0);
    const group = groups[lineNo] ?? "";
    let column = 0;
    let previousColumn = 0;
    let current = "(unmapped)";
    for (const segment of group === "" ? [] : group.split(",")) {
      const fields = decodeVlq(segment);
      column += fields[0] ?? 0;
      add(current, Math.min(column, lineLength) - previousColumn);
      previousColumn = Math.min(column, lineLength);
      if (fields.length >= 4) {
        sourceIndex += fields[1] ?? 0;
        current = map.sources[sourceIndex] ?? "(unmapped)";
      } else current = "(unmapped)";
    }
    add(current, lineLength - previousColumn);
  }
  return totals;
}
