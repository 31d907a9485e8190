import type { CommandSpec, CommandContext } from "../../command";
import { localize, strerror } from "../../../i18n/catalog";
import { cgroupMessages as m } from "../../../i18n/cgroup";
import { dd as ddWorkload } from "../../../cgroup/workloads";
import { formatIecSize, formatSiRate, formatSiSize, parseCoreutilsSize } from "../../../core/units";
import { isSysError, SysError } from "../../../core/errno";
import { modelOrFail } from "./exec";

const inFlags = new Set(["direct", "dsync", "sync", "fullblock", "nocache", "nonblock", "noatime"]);
const outFlags = new Set(["direct", "dsync", "sync", "nocache", "nonblock", "noatime", "append"]);

/**
 * GNU dd between /dev/zero, /dev/null, files and the host's block devices.
 * A transfer touching a disk is a model process (one synchronous request per
 * block, throttled by io.max, counted in io.stat); buffered I/O goes through
 * the page cache (charged to the group's memory.stat "file"). The summary is
 * print_xfer_stats() (coreutils src/dd.c), on stderr.
 */
export const dd: CommandSpec = {
  name: "dd",
  synopsis: "dd [OPERAND]...",
  summary: {
    en: "Convert and copy a file (simulated block I/O).",
    ko: "파일을 변환하고 복사합니다 (시뮬레이션된 블록 I/O).",
  },
  options: [
    { flags: "if=FILE", help: { en: "read from FILE instead of stdin", ko: "표준 입력 대신 FILE에서 읽기" } },
    { flags: "of=FILE", help: { en: "write to FILE instead of stdout", ko: "표준 출력 대신 FILE에 쓰기" } },
    {
      flags: "bs=BYTES",
      help: {
        en: "read and write up to BYTES bytes at a time (default: 512)",
        ko: "한 번에 BYTES바이트까지 읽고 쓰기 (기본 512)",
      },
    },
    { flags: "count=N", help: { en: "copy only N input blocks", ko: "입력 블록 N개만 복사" } },
    {
      flags: "iflag=FLAGS, oflag=FLAGS",
      help: {
        en: "direct: O_DIRECT, bypassing the page cache",
        ko: "direct: 페이지 캐시를 거치지 않는 O_DIRECT",
      },
    },
  ],
  async run(ctx) {
    const ops = new Map<string, string>();
    for (const a of ctx.argv.slice(1)) {
      const eq = a.indexOf("=");
      const key = eq < 0 ? "" : a.slice(0, eq);
      if (!["if", "of", "bs", "ibs", "obs", "count", "iflag", "oflag", "status", "conv"].includes(key)) {
        await ctx.stderr.write(
          `${localize(ctx.lang, m.ddBadOperand, { value: a })}\n${ctx.t("cmd.tryHelp", { name: "dd" })}\n`,
        );
        return 1;
      }
      ops.set(key, a.slice(eq + 1));
    }
    const num = async (key: string, fallback: number): Promise<number | undefined> => {
      const text = ops.get(key);
      if (text === undefined) return fallback;
      const n = parseCoreutilsSize(text);
      if (n === undefined || n < 0 || (key !== "count" && n === 0)) {
        await ctx.stderr.write(`${localize(ctx.lang, m.ddBadNumber, { value: text })}\n`);
        return undefined;
      }
      return n;
    };
    const bs = await num("bs", 512);
    if (bs === undefined) return 1;
    const countText = ops.get("count");
    const count = await num("count", Infinity);
    if (count === undefined) return 1;
    const flags = async (key: "iflag" | "oflag"): Promise<Set<string> | undefined> => {
      const list = (ops.get(key) ?? "").split(",").filter((f) => f !== "");
      const allowed = key === "iflag" ? inFlags : outFlags;
      const bad = list.find((f) => !allowed.has(f));
      if (bad !== undefined) {
        await ctx.stderr.write(
          `${localize(ctx.lang, key === "iflag" ? m.ddBadFlag : m.ddBadOFlag, { value: bad })}\n${ctx.t("cmd.tryHelp", { name: "dd" })}\n`,
        );
        return undefined;
      }
      return new Set(list);
    };
    const iflag = await flags("iflag");
    if (iflag === undefined) return 1;
    const oflag = await flags("oflag");
    if (oflag === undefined) return 1;
    const model = await modelOrFail(ctx);
    if (model === undefined) return 1;
    const input = ops.get("if");
    const output = ops.get("of");
    const disk = (path: string | undefined): string | undefined =>
      path === undefined ? undefined : model.cg.devices.find((d) => `/dev/${d.name}` === path)?.name;
    const inDisk = disk(input);
    const outDisk = disk(output);
    // Sources and sinks that are not disks: check they open, as open(2) would.
    const vfs = ctx.fs;
    let fileBytes = Infinity;
    try {
      if (input !== undefined && inDisk === undefined) {
        const node = vfs.lookup(input, ctx.cwd);
        if (node.kind === "dir") throw new SysError("EISDIR");
        if (node.kind === "file") fileBytes = vfs.readFile(input, ctx.cwd).length;
      }
    } catch (e) {
      await openError(ctx, input!, e);
      return 1;
    }
    if (input === undefined || output === undefined) {
      // stdin/stdout are the terminal here: nothing to read from it.
      if (input === undefined) fileBytes = 0;
    }
    const startUs = ctx.host.clock.nowUs;
    let blocks = count === Infinity ? Math.ceil(fileBytes / bs) : count;
    if (inDisk !== undefined && count === Infinity)
      blocks = Math.floor(model.cg.devices.find((d) => d.name === inDisk)!.sizeBytes / bs);
    if (blocks === Infinity) blocks = countText === undefined ? 0 : blocks;
    let bytes = Math.min(blocks * bs, fileBytes === Infinity ? blocks * bs : fileBytes);
    const partial = bytes < blocks * bs && bytes % bs !== 0 ? 1 : 0;
    const full = Math.floor(bytes / bs);
    if (inDisk !== undefined || outDisk !== undefined) {
      const direct = inDisk !== undefined ? iflag.has("direct") : oflag.has("direct");
      const { interrupted, exits } = await model.runWorkers(ctx, "dd", (c) => [
        ddWorkload({
          ...c,
          name: "dd",
          device: (inDisk ?? outDisk)!,
          dir: inDisk !== undefined ? "read" : "write",
          blockBytes: bs,
          count: full,
          direct,
        }),
      ]);
      if (interrupted || exits.some((e) => e.kind === "killed")) return 128 + 9;
    } else {
      // Memory to memory (and through the page cache for files).
      try {
        if (output !== undefined && output !== "/dev/null") {
          const cap = Math.min(bytes, 16 * 2 ** 20);
          vfs.writeFile(output, new Uint8Array(cap), ctx.cwd);
          model.cg.chargeFile(model.cg.find(model.cgroupOf(ctx.pid)), bytes);
        }
      } catch (e) {
        await openError(ctx, output!, e);
        return 1;
      }
      if (!(await ctx.sleep(model.cg.pageCacheCopyUs(bytes)))) return 130;
    }
    if (output === undefined) bytes = full * bs;
    await ctx.stderr.write(xferStats(ctx, full, partial, bytes, ctx.host.clock.nowUs - startUs));
    return 0;
  },
};

async function openError(ctx: CommandContext, path: string, e: unknown): Promise<void> {
  const errno = isSysError(e) ? e.errno : "ENOENT";
  await ctx.stderr.write(`${localize(ctx.lang, m.ddOpen, { path, error: strerror(ctx.lang, errno) })}\n`);
}

/** print_xfer_stats(): records in/out, then bytes, "%g s" and the SI rate. */
export function xferStats(
  ctx: CommandContext,
  full: number,
  partial: number,
  bytes: number,
  us: number,
): string {
  const lang = ctx.lang;
  const secs = us / 1e6;
  const rate = us > 0 ? formatSiRate(bytes / secs) : "Infinity B/s";
  let line: string;
  if (bytes < 1000) line = `${bytes} ${bytes === 1 ? "byte" : "bytes"} copied, ${formatG(secs)} s, ${rate}`;
  else
    line = localize(lang, m.ddCopied, {
      bytes,
      si: formatSiSize(bytes),
      iec: formatIecSize(bytes),
      secs: formatG(secs),
      rate,
    });
  return (
    `${localize(lang, m.ddSummaryIn, { full, partial })}\n` +
    `${localize(lang, m.ddSummaryOut, { full, partial })}\n${line}\n`
  );
}

/** C's "%g": 6 significant digits, trailing zeros dropped, exponent below 1e-4. */
export function formatG(x: number): string {
  if (x === 0) return "0";
  if (Math.abs(x) < 1e-4 || Math.abs(x) >= 1e6) {
    const [mant, exp] = x.toExponential(5).split("e");
    const e = Number(exp);
    return `${mant!.replace(/\.?0+$/, "")}e${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
  }
  const text = x.toPrecision(6);
  return text.includes(".") ? text.replace(/\.?0+$/, "") : text;
}
