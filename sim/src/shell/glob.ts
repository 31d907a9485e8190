import type { Vfs } from "../host/vfs";

/**
 * Pathname expansion (bash(1) "Pathname Expansion"; POSIX XCU 2.13): `*`, `?`
 * and bracket expressions, one path component at a time; a leading `.` must
 * be matched explicitly; results sorted; no match leaves the word as written.
 * Backslash-escaped characters are literal.
 */
export function hasGlob(text: string): boolean {
  return /[*?[]/.test(text);
}

/** Upper bound on matches, so a pattern with many wildcard components stays cheap in a large tree. */
const maxMatches = 4096;

export function globMatch(vfs: Vfs, pattern: string, cwd: string): string[] {
  const absolute = pattern.startsWith("/");
  const parts = pattern.split("/").filter((p, i) => p !== "" || i === 0);
  if (absolute) parts.shift();
  let paths: string[] = [absolute ? "/" : ""];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const next: string[] = [];
    for (const base of paths) {
      const dirPath = base === "" ? "." : base;
      if (!hasUnescapedGlob(part)) {
        const literal = unescape(part);
        const candidate = join(base, literal);
        if (vfs.tryLookup(candidate, cwd) !== undefined) next.push(candidate);
        continue;
      }
      let names: string[];
      try {
        names = vfs.readdir(dirPath, cwd);
      } catch {
        continue;
      }
      const re = toRegExp(part);
      for (const name of names.sort()) {
        if (name.startsWith(".") && !part.startsWith(".") && !part.startsWith("\\.")) continue;
        if (re.test(name)) next.push(join(base, name));
        if (next.length >= maxMatches) break;
      }
    }
    paths = next;
    if (paths.length === 0) return [];
  }
  return paths.sort();
}

function join(base: string, name: string): string {
  if (base === "") return name;
  if (base.endsWith("/")) return base + name;
  return `${base}/${name}`;
}

function hasUnescapedGlob(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") {
      i++;
      continue;
    }
    if (c === "*" || c === "?" || c === "[") return true;
  }
  return false;
}

function unescape(text: string): string {
  return text.replace(/\\(.)/g, "$1");
}

/** Converts one component's pattern into an anchored regular expression. */
export function toRegExp(pattern: string): RegExp {
  let re = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "\\" && i + 1 < pattern.length) {
      re += escapeRe(pattern[++i]!);
    } else if (c === "*") {
      re += ".*";
    } else if (c === "?") {
      re += ".";
    } else if (c === "[") {
      const close = pattern.indexOf("]", i + 2);
      if (close < 0) {
        re += "\\[";
        continue;
      }
      let body = pattern.slice(i + 1, close);
      if (body.startsWith("!") || body.startsWith("^")) body = "^" + body.slice(1);
      re += `[${body.replace(/\\/g, "\\\\").replace(/^\^?\]/, (m) => m.replace("]", "\\]"))}]`;
      i = close;
    } else {
      re += escapeRe(c);
    }
  }
  try {
    return new RegExp(`^${re}$`, "su");
  } catch {
    return new RegExp(`^${escapeRe(pattern)}$`, "su");
  }
}

function escapeRe(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}
