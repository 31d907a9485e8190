import type { CommandContext, CommandSpec } from "../command";
import { getopt } from "../getopt";
import type { Stat } from "../../host/vfs";
import { errText } from "./fs-errors";
import { formatHumanSize } from "../../core/units";

/** GNU ls: -l long format, -a all, -d, -h, -1, -R not simulated; columns on a terminal, one per line in a pipe. */
export const ls: CommandSpec = {
  name: "ls",
  synopsis: "ls [OPTION]... [FILE]...",
  summary: { en: "List directory contents.", ko: "디렉터리 내용을 나열합니다." },
  options: [
    {
      flags: "-a, --all",
      help: { en: "do not ignore entries starting with .", ko: ".으로 시작하는 항목도 표시" },
    },
    { flags: "-l", help: { en: "use a long listing format", ko: "자세한 형식으로 표시" } },
    {
      flags: "-h, --human-readable",
      help: { en: "with -l, print sizes like 1K 234M 2G", ko: "-l과 함께 크기를 1K 234M 2G처럼 표시" },
    },
    {
      flags: "-d, --directory",
      help: {
        en: "list directories themselves, not their contents",
        ko: "디렉터리 내용 대신 디렉터리 자체를 표시",
      },
    },
    { flags: "-1", help: { en: "list one file per line", ko: "한 줄에 파일 하나씩 표시" } },
    {
      flags: "-s, --size",
      help: {
        en: "print the allocated size of each file, in blocks",
        ko: "각 파일에 할당된 크기를 블록 단위로 표시",
      },
    },
  ],
  async run(ctx) {
    const parsed = await getopt(ctx, {
      flags: "alhd1sA",
      long: {
        all: { key: "a" },
        "human-readable": { key: "h" },
        directory: { key: "d" },
        size: { key: "s" },
        "almost-all": { key: "A" },
      },
      usageStatus: 2,
    });
    if (typeof parsed === "number") return parsed;
    const o = parsed.opts;
    const long = o.has("l");
    const all = o.has("a");
    const almostAll = o.has("A");
    const operands = parsed.operands.length === 0 ? ["."] : parsed.operands;
    let status = 0;
    const files: { name: string; path: string; stat: Stat }[] = [];
    const dirs: string[] = [];
    for (const path of operands) {
      try {
        const st = ctx.fs.stat(path, ctx.cwd);
        if (st.kind === "dir" && !o.has("d")) dirs.push(path);
        else files.push({ name: path, path, stat: ctx.fs.stat(path, ctx.cwd, false) });
      } catch (e) {
        await ctx.stderr.write(
          `${ctx.t("cmd.cannotAccess", { name: "ls", path, error: errText(ctx, e) })}\n`,
        );
        status = 2;
      }
    }
    const blocks: string[] = [];
    // GNU ls lists file operands sorted, before the directories.
    files.sort((a, b) => compareNames(a.name, b.name));
    if (files.length > 0) blocks.push(render(ctx, files, long, o.has("h"), o.has("s"), false));
    for (const dir of dirs.sort()) {
      let names: string[];
      try {
        names = ctx.fs.readdir(dir, ctx.cwd);
      } catch (e) {
        await ctx.stderr.write(
          `${ctx.t("cmd.cannotAccess", { name: "ls", path: dir, error: errText(ctx, e) })}\n`,
        );
        status = 2;
        continue;
      }
      if (all) names.push(".", "..");
      names = names.filter((n) => all || (almostAll ? true : !n.startsWith("."))).sort(compareNames);
      const entries: { name: string; path: string; stat: Stat }[] = [];
      for (const name of names) {
        const path = `${dir.replace(/\/$/, "")}/${name}`;
        try {
          entries.push({ name, path, stat: ctx.fs.stat(path, ctx.cwd, false) });
        } catch {
          // A process that exited between readdir and stat: skip it, as ls does for /proc races.
        }
      }
      const header = operands.length > 1 ? `${dir}:\n` : "";
      blocks.push(header + render(ctx, entries, long, o.has("h"), o.has("s"), true));
    }
    await ctx.stdout.write(blocks.filter((b) => b !== "").join("\n"));
    return status;
  },
};

function compareNames(a: string, b: string): number {
  const ka = a.replace(/^\.+/, "").toLowerCase();
  const kb = b.replace(/^\.+/, "").toLowerCase();
  return ka < kb ? -1 : ka > kb ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

function modeString(st: Stat): string {
  const type = { dir: "d", file: "-", symlink: "l", chardev: "c", blockdev: "b" }[st.kind];
  const bits = "rwxrwxrwx";
  let out = type;
  for (let i = 0; i < 9; i++) out += st.mode & (1 << (8 - i)) ? bits[i] : "-";
  if (st.mode & 0o1000) out = out.slice(0, 9) + (out[9] === "x" ? "t" : "T");
  return out;
}

function render(
  ctx: CommandContext,
  entries: { name: string; path: string; stat: Stat }[],
  long: boolean,
  human: boolean,
  showBlocks: boolean,
  withTotal: boolean,
): string {
  const colour = ctx.stdout.isTerminal && ctx.shell.terminal.colour;
  const paint = (e: { name: string; stat: Stat }): string => {
    if (!colour) return e.name;
    // dircolors defaults: directories bold blue, symlinks bold cyan, devices bold yellow on black.
    const code =
      e.stat.kind === "dir"
        ? "01;34"
        : e.stat.kind === "symlink"
          ? "01;36"
          : e.stat.kind === "file" && e.stat.mode & 0o111
            ? "01;32"
            : e.stat.kind === "chardev" || e.stat.kind === "blockdev"
              ? "40;33;01"
              : undefined;
    return code === undefined ? e.name : `\x1b[${code}m${e.name}\x1b[0m`;
  };
  const kib = (st: Stat): number => Math.ceil((st.blocks * 512) / 1024);
  if (!long) {
    const items = entries.map((e) => (showBlocks ? `${kib(e.stat)} ` : "") + paint(e));
    const plain = entries.map((e) => (showBlocks ? `${kib(e.stat)} ` : "") + e.name);
    if (!ctx.stdout.isTerminal) return items.map((i) => `${i}\n`).join("");
    return columns(items, plain, ctx.shell.terminal.columns?.() ?? 80);
  }
  const rows = entries.map((e) => {
    const st = e.stat;
    const size =
      st.rdev !== undefined
        ? `${st.rdev.major}, ${st.rdev.minor}`
        : human
          ? formatHumanSize(st.size)
          : String(st.size);
    let name = paint(e);
    if (st.kind === "symlink") {
      try {
        const node = ctx.fs.lookup(e.path, ctx.cwd, false);
        if (node.kind === "symlink") name += ` -> ${node.target()}`;
      } catch {
        /* dangling: show the name only */
      }
    }
    return {
      blocks: String(kib(st)),
      mode: modeString(st),
      nlink: String(st.nlink),
      size,
      date: lsDate(ctx, st.mtimeUs),
      name,
    };
  });
  const w = (k: "nlink" | "size" | "blocks"): number => Math.max(0, ...rows.map((r) => r[k].length));
  const total = entries.reduce((sum, e) => sum + kib(e.stat), 0);
  const lines = rows.map(
    (r) =>
      `${showBlocks ? r.blocks.padStart(w("blocks")) + " " : ""}${r.mode} ${r.nlink.padStart(w("nlink"))} root root ${r.size.padStart(w("size"))} ${r.date} ${r.name}`,
  );
  return (
    (withTotal ? `total ${human ? formatHumanSize(total * 1024) : total}\n` : "") +
    lines.map((l) => `${l}\n`).join("")
  );
}

/** ls's recent-file date format: "Nov 27 09:00" (C locale month names, also under ko_KR for stable columns). */
function lsDate(ctx: CommandContext, mtimeUs: number): string {
  const d = new Date(ctx.host.epochMs(mtimeUs));
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const hh = String(d.getUTCHours()).padStart(2, "0");
  const mm = String(d.getUTCMinutes()).padStart(2, "0");
  return `${months[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${hh}:${mm}`;
}

/** Vertical columns like ls -C: as many columns as fit the width, filled top to bottom. */
function columns(items: string[], plain: string[], width: number): string {
  if (items.length === 0) return "";
  for (let cols = Math.min(items.length, Math.max(1, Math.floor(width / 3))); cols >= 1; cols--) {
    const rows = Math.ceil(items.length / cols);
    const colWidths: number[] = [];
    for (let c = 0; c < cols; c++) {
      const slice = plain.slice(c * rows, (c + 1) * rows);
      colWidths.push(Math.max(0, ...slice.map((s) => s.length)) + 2);
    }
    const total = colWidths.reduce((a, b) => a + b, 0) - 2;
    if (total > width && cols > 1) continue;
    const lines: string[] = [];
    for (let r = 0; r < rows; r++) {
      let line = "";
      for (let c = 0; c < cols; c++) {
        const i = c * rows + r;
        if (i >= items.length) break;
        const isLast = c === cols - 1 || (c + 1) * rows + r >= items.length;
        line += isLast ? items[i]! : items[i]! + " ".repeat(colWidths[c]! - plain[i]!.length);
      }
      lines.push(line);
    }
    return lines.join("\n") + "\n";
  }
  return items.join("\n") + "\n";
}
