/**
 * What is in the JavaScript a page ships: every chunk's bytes attributed to the modules they came
 * from (through the build's hidden source maps), with each module's gzip share estimated as its
 * share of the chunk's raw bytes times the chunk's gzip size. gzip is not additive, so the
 * per-module figures are estimates; the chunk totals are exact.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { attributeBytes, type RawSourceMap } from "./sourcemap";

export interface ModuleShare {
  /** A project path (`sim/src/shell/commands/ls.ts`) or `package: path` for dependencies. */
  module: string;
  /** The group the module belongs to, for the summary (`@xterm/xterm`, `svelte`, `sim/shell`…). */
  group: string;
  bytes: number;
  gzipBytes: number;
  chunk: string;
}

/** `../../node_modules/svelte/src/internal/client/render.js` → `svelte: src/internal/client/render.js`. */
export function moduleName(source: string): string {
  const clean = source
    .replace(/\?.*$/, "")
    .replace(/^(\.\.\/)+/, "")
    .replace(/^\/?work\/main\//, "");
  const nm = clean.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = clean.slice(nm + "node_modules/".length);
    const parts = rest.split("/");
    const pkg = parts[0]?.startsWith("@") ? `${parts[0]}/${parts[1]}` : (parts[0] ?? rest);
    return `${pkg}: ${parts.slice(pkg.split("/").length).join("/")}`;
  }
  return clean;
}

/** Groups for the summary: a package, or the first two or three folders of a project path. */
export function moduleGroup(module: string): string {
  const colon = module.indexOf(": ");
  if (colon >= 0) return module.slice(0, colon);
  const parts = module.split("/");
  if (parts[0] === "sim" && parts[1] === "src") {
    if (parts[2] === "shell" && parts[3] === "commands") return "sim/shell/commands";
    return parts.length > 3 ? `sim/${parts[2]}` : "sim";
  }
  if (parts[0] === "src") return parts.length > 2 ? `src/${parts[1]}` : "src";
  return module.startsWith("(") ? module : (parts[0] ?? module);
}

export function attributeChunks(distDir: string, basePath: string, chunkPaths: string[]): ModuleShare[] {
  const shares: ModuleShare[] = [];
  for (const path of chunkPaths) {
    const rel = path.startsWith(basePath) ? path.slice(basePath.length) : path.replace(/^\//, "");
    const file = join(distDir, rel);
    if (!existsSync(file)) continue;
    const code = readFileSync(file, "utf8");
    const gzip = gzipSync(code, { level: 9 }).length;
    const mapFile = `${file}.map`;
    const totals = existsSync(mapFile)
      ? attributeBytes(code, JSON.parse(readFileSync(mapFile, "utf8")) as RawSourceMap)
      : new Map([["(no source map)", code.length]]);
    const chars = [...totals.values()].reduce((a, b) => a + b, 0) || 1;
    const bytes = Buffer.byteLength(code);
    for (const [source, n] of totals) {
      const module = source.startsWith("(") ? `${source} ${rel}` : moduleName(source);
      shares.push({
        module,
        group: source.startsWith("(") ? source : moduleGroup(module),
        bytes: Math.round((n / chars) * bytes),
        gzipBytes: Math.round((n / chars) * gzip),
        chunk: rel,
      });
    }
  }
  return shares;
}

export function byGroup(shares: ModuleShare[]): { group: string; bytes: number; gzipBytes: number }[] {
  const groups = new Map<string, { group: string; bytes: number; gzipBytes: number }>();
  for (const s of shares) {
    const g = groups.get(s.group) ?? { group: s.group, bytes: 0, gzipBytes: 0 };
    g.bytes += s.bytes;
    g.gzipBytes += s.gzipBytes;
    groups.set(s.group, g);
  }
  return [...groups.values()].sort((a, b) => b.gzipBytes - a.gzipBytes);
}
