import type { Shell } from "./shell";

export interface CompletionResult {
  /** Index in the line (UTF-16) where the completed word starts. */
  readonly start: number;
  readonly candidates: string[];
}

/**
 * Tab completion as bash's programmable completion does by default: the first
 * word of a command completes command names, a word starting with `-` the
 * command's options (from its own definition), anything else file names
 * (directories end in `/`).
 */
export function complete(shell: Shell, line: string, cursor: number): CompletionResult {
  const before = line.slice(0, cursor);
  // The current word starts after the last unquoted blank or command separator.
  let start = 0;
  let quote: string | undefined;
  for (let i = 0; i < before.length; i++) {
    const c = before[i]!;
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
      continue;
    }
    if (c === "\\") {
      i++;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (/[\s;|&()<>]/.test(c)) start = i + 1;
  }
  const word = before.slice(start);
  const head = before.slice(0, start);
  const segment = head.split(/[;|&()]|&&|\|\|/).at(-1) ?? "";
  const isCommandPosition = segment.trim() === "" || /^\s*([A-Za-z_][A-Za-z0-9_]*=\S*\s+)+$/.test(segment);

  if (isCommandPosition && !word.includes("/")) {
    const names = new Set(shell.registry.names().filter((n) => n.startsWith(word)));
    return { start, candidates: [...names].sort() };
  }
  if (word.startsWith("-")) {
    const commandName = segment.trim().split(/\s+/)[0] ?? "";
    const spec = shell.registry.get(commandName);
    const options = new Set<string>();
    for (const opt of spec?.options ?? []) {
      for (const m of opt.flags.matchAll(/--?[A-Za-z0-9][A-Za-z0-9-]*=?/g)) options.add(m[0]);
    }
    if ("--help".startsWith(word) && spec?.noHelpOption !== true) options.add("--help");
    return { start, candidates: [...options].filter((o) => o.startsWith(word)).sort() };
  }
  return { start, candidates: completePath(shell, word) };
}

function completePath(shell: Shell, word: string): string[] {
  const home = shell.getVar("HOME") ?? "/";
  const expanded = word.startsWith("~/") ? home + word.slice(1) : word;
  const slash = expanded.lastIndexOf("/");
  const dir = slash < 0 ? "." : slash === 0 ? "/" : expanded.slice(0, slash);
  const prefix = expanded.slice(slash + 1);
  const shownDir = slash < 0 ? "" : word.slice(0, word.lastIndexOf("/") + 1);
  let names: string[];
  try {
    names = shell.host.vfs.readdir(dir, shell.cwd);
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const name of names.sort()) {
    if (!name.startsWith(prefix)) continue;
    if (name.startsWith(".") && !prefix.startsWith(".")) continue;
    const full = dir === "." ? name : `${dir}/${name}`.replace(/^\/\//, "/");
    let isDir: boolean;
    try {
      isDir = shell.host.vfs.stat(full, shell.cwd).kind === "dir";
    } catch {
      isDir = false;
    }
    out.push(`${shownDir}${name}${isDir ? "/" : ""}`);
    if (out.length >= 500) break;
  }
  return out;
}
