/**
 * `pagemap PID [ADDRESS]...`: the entries /proc/PID/pagemap holds for those pages, decoded
 * (Documentation/admin-guide/mm/pagemap.rst: bits 0-54 PFN, 55 soft-dirty, 56 exclusively
 * mapped, 61 file-page or shared-anon, 62 swapped, 63 present). Without addresses: every present
 * page of every region in /proc/PID/maps. Like the small readers in tools/mm, not a kernel file.
 *
 * `pagedemo`: the demo program; it prints its own /proc/self/maps (its address space is the
 * simulated MMU's, shared by every pagedemo process).
 */
import type { CommandSpec } from "../../command";
import { localize, strerror } from "../../../i18n/catalog";
import { m } from "../../../i18n/mmu";
import { hex } from "../../../mmu/format";
import { parseNumber } from "./args";
import {
  pagemapEntry,
  pmFile,
  pmMmapExclusive,
  pmPfnMask,
  pmPresent,
  pmSoftDirty,
  pmSwap,
  regionsOf,
} from "./procview";
import { mmuLabOf } from "./state";

export function formatPagemapLine(va: bigint, entry: bigint): string {
  const bit = (mask: bigint): string => ((entry & mask) !== 0n ? "1" : "0");
  const pfn = entry & pmPresent ? hex(entry & pmPfnMask, 1) : "-";
  return `${hex(va, 12)}  ${hex(entry)}  ${bit(pmPresent).padEnd(7)} ${bit(pmSwap).padEnd(4)} ${bit(pmFile).padEnd(4)} ${bit(pmMmapExclusive).padEnd(4)} ${bit(pmSoftDirty).padEnd(10)} ${pfn}`;
}

export const pagemapHeader = `${"address".padEnd(14)}  ${"entry".padEnd(18)}  present swap file excl soft-dirty pfn`;

export const pagemap: CommandSpec = {
  name: "pagemap",
  synopsis: "pagemap PID [ADDRESS]...",
  summary: {
    en: "Show the /proc/PID/pagemap entries of a process's pages, decoded.",
    ko: "프로세스 페이지의 /proc/PID/pagemap 엔트리를 풀어서 보여 줍니다.",
  },
  description: {
    en: "Bits: 0-54 page frame number, 55 soft-dirty, 56 exclusively mapped, 61 file page or shared anonymous, 62 swapped, 63 present. Without ADDRESS, every present page in /proc/PID/maps.",
    ko: "비트: 0-54 페이지 프레임 번호, 55 soft-dirty, 56 단독 매핑, 61 파일 페이지 또는 공유 익명 페이지, 62 스왑됨, 63 존재. ADDRESS가 없으면 /proc/PID/maps의 모든 존재하는 페이지를 보여 줍니다.",
  },
  async run(ctx) {
    const [pidText, ...addresses] = ctx.argv.slice(1);
    if (pidText === undefined) {
      await ctx.stderr.write(`${localize(ctx.lang, m.pagemapUsage)}\n`);
      return 2;
    }
    if (!/^[1-9][0-9]*$/.test(pidText) && pidText !== "self") {
      await ctx.stderr.write(`${localize(ctx.lang, m.pagemapBadPid, { value: pidText })}\n`);
      return 2;
    }
    const pid = pidText === "self" ? ctx.pid : Number(pidText);
    const proc = ctx.host.processes.get(pid);
    if (proc === undefined) {
      await ctx.stderr.write(`pagemap: ${pid}: ${strerror(ctx.lang, "ESRCH")}\n`);
      return 1;
    }
    const lab = mmuLabOf(ctx.host);
    const demo = lab?.demo ?? null;
    if (lab === undefined || demo === null || proc.comm !== "pagedemo") {
      await ctx.stderr.write(`${localize(ctx.lang, m.pagemapNoSpace, { pid })}\n`);
      return 1;
    }
    const vas: bigint[] = [];
    for (const text of addresses) {
      const v = parseNumber(text);
      if (v === undefined) {
        await ctx.stderr.write(`${localize(ctx.lang, m.pagemapBadAddress, { value: text })}\n`);
        return 2;
      }
      vas.push(v);
    }
    const lines = [pagemapHeader];
    if (vas.length > 0) {
      for (const va of vas) lines.push(formatPagemapLine(va & ~0xfffn, pagemapEntry(lab, demo, va)));
    } else {
      for (const r of regionsOf(lab, demo)) {
        for (let va = r.start; va < r.end; va += 4096n) {
          const entry = pagemapEntry(lab, demo, va);
          if ((entry & pmPresent) !== 0n) lines.push(formatPagemapLine(va, entry));
        }
      }
    }
    await ctx.stdout.write(lines.join("\n") + "\n");
    return 0;
  },
};

export const pagedemo: CommandSpec = {
  name: "pagedemo",
  synopsis: "pagedemo",
  summary: {
    en: "The demo program: print its own /proc/self/maps (its pages live in the simulated MMU).",
    ko: "데모 프로그램입니다: 자기 /proc/self/maps를 출력합니다 (페이지는 시뮬레이션된 MMU에 있습니다).",
  },
  async run(ctx) {
    if (ctx.argv.length > 1) {
      await ctx.stderr.write(`${ctx.t("cmd.extraOperand", { name: "pagedemo", value: ctx.argv[1]! })}\n`);
      return 2;
    }
    // The shell resolves /proc/self to this process; /proc/PID/maps exists for pagedemo processes.
    const text = ctx.host.vfs.readText("/proc/self/maps");
    await ctx.stdout.write(text);
    return 0;
  },
};
