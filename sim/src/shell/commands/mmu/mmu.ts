/**
 * `mmu`: drive the x86-64 MMU model from the console. Subcommand names and options are the ones
 * the issue fixes (course pages script them). Tool output is English, like kvm_stat's; help and
 * errors are localized. Status 2: the command line is wrong; status 1: the model refused.
 */
import type { CommandContext, CommandSpec, OptionSpec } from "../../command";
import { SysError, isSysError } from "../../../core/errno";
import { localize, strerror, type Localized } from "../../../i18n/catalog";
import { m, subHelp } from "../../../i18n/mmu";
import {
  exitReasonNames,
  pteA,
  pteD,
  pteG,
  ptePCD,
  ptePS,
  ptePWT,
  pteP,
  pteRW,
  pteUS,
} from "../../../mmu/bits";
import { formatExit, formatWalk, hex } from "../../../mmu/format";
import { parseEptPermissions, parseMapFlags, parsePageSize } from "../../../mmu/mmu";
import type { Mmu } from "../../../mmu/mmu";
import type { AccessKind, MapFlags, MmuMode, VmExit } from "../../../mmu/types";
import type { PageBytes } from "../../../mmu/bits";
import { compareModes } from "../../../mmu/workload";
import { printUsage } from "../../usage";
import { parseNumber, parseOptions, type OptionDef } from "./args";
import { mmuLabOf, resetMmu, type MmuLab } from "./state";

/** A usage or model error already printed; `status` is the exit status. */
class Failed extends Error {
  readonly status: number;
  constructor(status: number) {
    super(`mmu: status ${status}`);
    this.status = status;
  }
}

interface Sub {
  readonly name: string;
  /** After "mmu ". */
  readonly usage: string;
  readonly help: Localized;
  readonly options?: Readonly<Record<string, OptionDef>>;
  run(io: Io, operands: string[], opts: Map<string, string>): Promise<number>;
}

/** What a subcommand needs: the context, its model, and printing helpers. */
class Io {
  readonly ctx: CommandContext;
  readonly lab: MmuLab;
  readonly sub: Sub;

  constructor(ctx: CommandContext, lab: MmuLab, sub: Sub) {
    this.ctx = ctx;
    this.lab = lab;
    this.sub = sub;
  }

  get mmu(): Mmu {
    return this.lab.mmu;
  }

  get cmd(): string {
    return `mmu ${this.sub.name}`;
  }

  async out(lines: readonly string[]): Promise<void> {
    if (lines.length > 0) await this.ctx.stdout.write(lines.join("\n") + "\n");
  }

  /** Prints a localized error and returns the Failed marker to throw. */
  async fail(text: Localized, params: Record<string, string | number>, status: number): Promise<Failed> {
    await this.ctx.stderr.write(`${localize(this.ctx.lang, text, { cmd: this.cmd, ...params })}\n`);
    return new Failed(status);
  }

  async usage(text: Localized, params: Record<string, string | number> = {}): Promise<Failed> {
    return this.fail(text, { usage: `mmu ${this.sub.usage}`, ...params }, 2);
  }

  /** Exactly `n` operands (or between `min` and `n`). */
  async operands(ops: string[], n: number, min = n): Promise<void> {
    if (ops.length < min) throw await this.usage(m.missingOperand);
    if (ops.length > n) throw await this.usage(m.extraOperand, { value: ops[n]! });
  }

  async number(text: string): Promise<bigint> {
    const v = parseNumber(text);
    if (v === undefined) throw await this.fail(m.badNumber, { value: text }, 2);
    return v;
  }

  /** A physical address (below 2^52, a safe integer). */
  async address(text: string, what: string): Promise<number> {
    const v = await this.number(text);
    if (v >= 1n << 52n) throw await this.fail(m.aboveMaxPhys, { what, value: text, bits: 52 }, 1);
    return Number(v);
  }

  async choice<T extends string>(text: string, choices: readonly T[]): Promise<T> {
    const found = choices.find((c) => c === text);
    if (found === undefined)
      throw await this.fail(m.badChoice, { value: text, choices: choices.join(", ") }, 2);
    return found;
  }

  async canonical(va: bigint, text: string): Promise<void> {
    const levels = this.mmu.guestLevels;
    const top = levels === 4 ? 47 : 56;
    const s = BigInt.asUintN(64, va) >> BigInt(top);
    if (s !== 0n && s !== (1n << BigInt(64 - top)) - 1n) {
      throw await this.fail(m.nonCanonical, { value: text, levels, top }, 1);
    }
  }

  async pageSize(opts: Map<string, string>): Promise<PageBytes> {
    const text = opts.get("size") ?? "4k";
    try {
      return parsePageSize(text);
    } catch {
      throw await this.fail(m.badChoice, { value: text, choices: "4k, 2m, 1g" }, 2);
    }
  }

  /** Runs a model call; SysErrors become localized messages (status 1). */
  async model<T>(call: () => T, context: Record<string, string> = {}): Promise<T> {
    try {
      return call();
    } catch (e) {
      if (!isSysError(e)) throw e;
      const value = context["value"] ?? "";
      if (e.errno === "ENOENT") throw await this.fail(m.notMapped, { value }, 1);
      if (e.errno === "EEXIST") throw await this.fail(m.insideLarger, { value }, 1);
      if (e.errno === "EFAULT") throw await this.fail(m.eptUnmapped, { value }, 1);
      throw await this.fail(m.failed, { error: strerror(this.ctx.lang, e.errno) }, 1);
    }
  }

  async exits(exits: readonly VmExit[]): Promise<void> {
    await this.out(exits.map(formatExit));
  }
}

function sizeName(bytes: number): string {
  return bytes === 4096 ? "4K" : bytes === 0x200000 ? "2M" : "1G";
}

function flagsText(f: MapFlags): string {
  const names = [f.writable === true ? "rw" : "ro"];
  if (f.user === true) names.push("user");
  if (f.noExec === true) names.push("nx");
  if (f.global === true) names.push("global");
  return names.join(",");
}

/** The flags of a paging-structure entry by name (SDM Vol. 3A §4.5 Tables 4-14..4-20). */
export function entryFlags(value: bigint): string {
  const lo = Number(value & 0xfffn);
  const names: [number, string][] = [
    [pteP, "P"],
    [pteRW, "RW"],
    [pteUS, "US"],
    [ptePWT, "PWT"],
    [ptePCD, "PCD"],
    [pteA, "A"],
    [pteD, "D"],
    [ptePS, "PS"],
    [pteG, "G"],
  ];
  const set = names.filter(([bit]) => (lo & bit) !== 0).map(([, n]) => n);
  if ((value >> 63n) & 1n) set.push("XD");
  return set.length === 0 ? "-" : set.join(" ");
}

function modeLine(mmu: Mmu): string {
  const ept = mmu.mode === "nested" ? `, EPT ${mmu.eptLevels}-level` : "";
  return `mode: ${mmu.mode} (guest ${mmu.guestLevels}-level paging${ept})`;
}

function statusLines(mmu: Mmu): string[] {
  const g = mmu.tlb.geometry;
  return [
    modeLine(mmu),
    `CR3: ${hex(mmu.cr3, 1)}`,
    `EPTP: ${hex(mmu.eptp, 1)} (${mmu.eptLevels}-level, used in nested mode)`,
    `guest RAM: ${hex(0, 1)}-${hex(mmu.guestRamBytes - 1, 1)} at host-physical ${hex(mmu.guestRamBase, 1)}`,
    `TLB: ${g.entries4k} x 4K (${g.ways4k}-way), ${g.entries2m} x 2M (${g.ways2m}-way), ${g.entries1g} x 1G (${g.ways1g}-way)`,
  ];
}

const sizeOption: OptionDef = { arg: true };

const subs: readonly Sub[] = [
  {
    name: "mode",
    usage: "mode [native|shadow|nested]",
    help: subHelp.mode,
    async run(io, ops) {
      await io.operands(ops, 1, 0);
      if (ops.length === 1) {
        const mode = await io.choice<MmuMode>(ops[0]!, ["native", "shadow", "nested"]);
        io.mmu.setMode(mode);
        io.mmu.resetStats();
      }
      await io.out([modeLine(io.mmu)]);
      return 0;
    },
  },
  {
    name: "levels",
    usage: "levels [4|5]",
    help: subHelp.levels,
    async run(io, ops) {
      await io.operands(ops, 1, 0);
      if (ops.length === 1) {
        const levels = Number(await io.choice(ops[0]!, ["4", "5"]));
        const before = io.mmu.cr3;
        await io.model(() => io.mmu.setGuestLevels(levels));
        const demo = io.lab.demo;
        if (demo !== null && demo.cr3 === before) demo.cr3 = io.mmu.cr3;
      }
      const la57 = io.mmu.guestLevels === 5 ? 1 : 0;
      await io.out([
        `guest paging: ${io.mmu.guestLevels}-level (CR4.LA57=${la57}), CR3 ${hex(io.mmu.cr3, 1)}`,
      ]);
      return 0;
    },
  },
  {
    name: "cr3",
    usage: "cr3 [PA]",
    help: subHelp.cr3,
    async run(io, ops) {
      await io.operands(ops, 1, 0);
      if (ops.length === 1) {
        const pa = await io.address(ops[0]!, "PA");
        if (pa % 4096 !== 0) throw await io.fail(m.notAligned, { what: "PA", value: ops[0]!, size: "4K" }, 1);
        if (pa >= io.mmu.guestRamBytes) {
          throw await io.fail(
            m.outsideRam,
            { what: "PA", value: ops[0]!, limit: hex(io.mmu.guestRamBytes - 1, 1) },
            1,
          );
        }
        await io.exits(await io.model(() => io.mmu.loadCr3(pa)));
      }
      await io.out([`CR3: ${hex(io.mmu.cr3, 1)}`]);
      return 0;
    },
  },
  {
    name: "write",
    usage: "write PA VALUE",
    help: subHelp.write,
    async run(io, ops) {
      await io.operands(ops, 2);
      const pa = await physicalWord(io, ops[0]!);
      const value = await io.number(ops[1]!);
      await io.exits(await io.model(() => io.mmu.writePhysical(pa, value), { value: ops[0]! }));
      await io.out([`${hex(pa, 1)}: ${hex(value)}  ${entryFlags(value)}`]);
      return 0;
    },
  },
  {
    name: "read",
    usage: "read PA",
    help: subHelp.read,
    async run(io, ops) {
      await io.operands(ops, 1);
      const pa = await physicalWord(io, ops[0]!);
      const value = await io.model(() => io.mmu.readPhysical(pa), { value: ops[0]! });
      await io.out([`${hex(pa, 1)}: ${hex(value)}  ${entryFlags(value)}`]);
      return 0;
    },
  },
  {
    name: "map",
    usage: "map VA PA [--size 4k|2m|1g] [--flags rw,user,nx,global]",
    help: subHelp.map,
    options: { size: sizeOption, flags: { arg: true } },
    async run(io, ops, opts) {
      await io.operands(ops, 2);
      const va = await io.number(ops[0]!);
      const pa = await io.address(ops[1]!, "PA");
      const bytes = await io.pageSize(opts);
      let flags: MapFlags;
      try {
        flags = parseMapFlags(opts.get("flags") ?? "");
      } catch (e) {
        const bad = e instanceof SysError ? (e.message.split("flag ")[1] ?? "") : "";
        throw await io.fail(m.badFlag, { value: bad }, 2);
      }
      await io.canonical(va, ops[0]!);
      if (va % BigInt(bytes) !== 0n) {
        throw await io.fail(m.notAligned, { what: "VA", value: ops[0]!, size: sizeName(bytes) }, 1);
      }
      if (pa % bytes !== 0)
        throw await io.fail(m.notAligned, { what: "PA", value: ops[1]!, size: sizeName(bytes) }, 1);
      if (pa + bytes > io.mmu.guestRamBytes) {
        throw await io.fail(
          m.outsideRam,
          { what: "PA", value: ops[1]!, limit: hex(io.mmu.guestRamBytes - 1, 1) },
          1,
        );
      }
      const exits = await io.model(() => io.mmu.map(va, pa, bytes, flags), { value: ops[0]! });
      await io.exits(exits);
      await io.out([`mapped ${hex(va, 1)} -> ${hex(pa, 1)} (${sizeName(bytes)}, ${flagsText(flags)})`]);
      return 0;
    },
  },
  {
    name: "unmap",
    usage: "unmap VA",
    help: subHelp.unmap,
    async run(io, ops) {
      await io.operands(ops, 1);
      const va = await io.number(ops[0]!);
      await io.canonical(va, ops[0]!);
      await io.exits(await io.model(() => io.mmu.unmap(va), { value: ops[0]! }));
      await io.out([`unmapped ${hex(va, 1)}`]);
      return 0;
    },
  },
  {
    name: "walk",
    usage: "walk VA [--access read|write|exec] [--user|--kernel]",
    help: subHelp.walk,
    options: { access: { arg: true }, user: {}, kernel: {} },
    async run(io, ops, opts) {
      await io.operands(ops, 1);
      const va = await io.number(ops[0]!);
      const access = await io.choice<AccessKind>(opts.get("access") ?? "read", ["read", "write", "exec"]);
      if (opts.has("user") && opts.has("kernel")) {
        throw await io.fail(m.badChoice, { value: "--user --kernel", choices: "--user, --kernel" }, 2);
      }
      const trace = io.mmu.walk(BigInt.asIntN(64, va), { access, user: opts.has("user") });
      await io.out(formatWalk(trace));
      return 0;
    },
  },
  {
    name: "tlb",
    usage: "tlb [show|flush]",
    help: subHelp.tlb,
    async run(io, ops) {
      await io.operands(ops, 1, 0);
      const what = ops.length === 0 ? "show" : await io.choice(ops[0]!, ["show", "flush"]);
      if (what === "flush") {
        io.mmu.flushTlb();
        await io.out(["TLB flushed"]);
        return 0;
      }
      const entries = io.mmu.tlb.entries();
      const lines = [`TLB: ${entries.length} entries, ${io.mmu.tlb.hits} hits, ${io.mmu.tlb.misses} misses`];
      if (entries.length > 0) lines.push(`${"linear".padEnd(18)}  ${"physical".padEnd(15)}  size  rights`);
      for (const e of entries) {
        const rights = [e.writable ? "W" : "R", e.user ? "U" : "S"];
        if (e.noExec) rights.push("XD");
        if (e.dirty) rights.push("D");
        if (e.global) rights.push("G");
        lines.push(
          `${hex(e.linearBase)}  ${hex(e.physicalBase, 13)}  ${sizeName(e.pageBytes).padEnd(4)}  ${rights.join(" ")}`,
        );
      }
      await io.out(lines);
      return 0;
    },
  },
  {
    name: "invlpg",
    usage: "invlpg VA",
    help: subHelp.invlpg,
    async run(io, ops) {
      await io.operands(ops, 1);
      const va = await io.number(ops[0]!);
      await io.canonical(va, ops[0]!);
      await io.exits(io.mmu.invlpg(BigInt.asIntN(64, va)));
      await io.out([`invalidated ${hex(BigInt.asUintN(64, va) & ~0xfffn, 1)}`]);
      return 0;
    },
  },
  {
    name: "ept",
    usage: "ept [map GPA HPA [--size 4k|2m|1g] [--perm rwx] [--memtype N] | levels 4|5]",
    help: subHelp.ept,
    options: { size: sizeOption, perm: { arg: true }, memtype: { arg: true } },
    async run(io, ops, opts) {
      const mmu = io.mmu;
      if (ops.length === 0) {
        await io.out([`EPTP: ${hex(mmu.eptp, 1)} (${mmu.eptLevels}-level, memory type WB)`]);
        return 0;
      }
      const what = await io.choice(ops[0]!, ["map", "levels"]);
      if (what === "levels") {
        await io.operands(ops, 2);
        mmu.setEptLevels(Number(await io.choice(ops[1]!, ["4", "5"])));
        await io.out([`EPT: ${mmu.eptLevels}-level, EPTP ${hex(mmu.eptp, 1)}`]);
        return 0;
      }
      await io.operands(ops, 3);
      const gpa = await io.address(ops[1]!, "GPA");
      const hpa = await io.address(ops[2]!, "HPA");
      const bytes = await io.pageSize(opts);
      const permText = opts.get("perm") ?? "rwx";
      let perm;
      try {
        perm = parseEptPermissions(permText);
      } catch {
        throw await io.fail(m.badPerm, { value: permText }, 2);
      }
      const memTypeText = opts.get("memtype") ?? "6";
      const memType = Number(await io.number(memTypeText));
      if (memType > 7) throw await io.fail(m.outOfRange, { value: memTypeText, min: 0, max: 7 }, 2);
      for (const [what, a, text] of [
        ["GPA", gpa, ops[1]!],
        ["HPA", hpa, ops[2]!],
      ] as const) {
        if (a % bytes !== 0)
          throw await io.fail(m.notAligned, { what, value: text, size: sizeName(bytes) }, 1);
        if (a + bytes > 2 ** mmu.maxPhysAddrBits) {
          throw await io.fail(m.aboveMaxPhys, { what, value: text, bits: mmu.maxPhysAddrBits }, 1);
        }
      }
      await io.model(() => mmu.eptMap(gpa, hpa, bytes, perm, memType));
      const p = `${perm.read ? "r" : "-"}${perm.write ? "w" : "-"}${perm.exec ? "x" : "-"}`;
      await io.out([
        `EPT mapped ${hex(gpa, 1)} -> ${hex(hpa, 1)} (${sizeName(bytes)}, ${p}, memory type ${memType})`,
      ]);
      return 0;
    },
  },
  {
    name: "stats",
    usage: "stats [--reset]",
    help: subHelp.stats,
    options: { reset: {} },
    async run(io, ops, opts) {
      await io.operands(ops, 0);
      const s = io.mmu.stats();
      const row = (label: string, n: number): string => `${label.padEnd(28)}${String(n).padStart(8)}`;
      const lines = [
        modeLine(io.mmu),
        row("translations", s.translations),
        row("page walks", s.walks),
        row("page-table references", s.references),
        row("hypervisor software reads", s.hypervisorReferences),
        row("TLB hits", s.tlbHits),
        row("TLB misses", s.tlbMisses),
        row("#PF delivered to guest", s.pageFaults),
      ];
      const reasons = Object.keys(s.exits)
        .map(Number)
        .sort((a, b) => a - b);
      lines.push(
        row(
          "VM exits",
          reasons.reduce((sum, r) => sum + (s.exits[r] ?? 0), 0),
        ),
      );
      for (const r of reasons) {
        lines.push(row(`  ${String(r).padStart(2)} ${exitReasonNames[r] ?? ""}`, s.exits[r] ?? 0));
      }
      await io.out(lines);
      if (opts.has("reset")) io.mmu.resetStats();
      return 0;
    },
  },
  {
    name: "compare",
    usage: "compare [--pages N] [--rounds N]",
    help: subHelp.compare,
    options: { pages: { arg: true }, rounds: { arg: true } },
    async run(io, ops, opts) {
      await io.operands(ops, 0);
      const bounded = async (name: string, fallback: number, max: number): Promise<number> => {
        const text = opts.get(name);
        if (text === undefined) return fallback;
        const v = await io.number(text);
        if (v < 1n || v > BigInt(max)) throw await io.fail(m.outOfRange, { value: text, min: 1, max }, 2);
        return Number(v);
      };
      const pages = await bounded("pages", 16, 512);
      const rounds = await bounded("rounds", 4, 64);
      const rows = compareModes({
        pages,
        rounds,
        guestLevels: io.mmu.guestLevels,
        eptLevels: io.mmu.eptLevels,
      });
      const lines = [
        `same work in three modes: ${pages} pages touched, fork, ${rounds} rounds of copy-on-write and`,
        `address-space switches; guest ${io.mmu.guestLevels}-level, EPT ${io.mmu.eptLevels}-level`,
        "",
        `${"mode".padEnd(7)}${"walks".padStart(7)}${"refs".padStart(8)}${"hv reads".padStart(9)}${"TLB hit".padStart(8)}${"miss".padStart(6)}${"#PF".padStart(5)}${"exits".padStart(7)}  by reason`,
      ];
      for (const r of rows) {
        const reasons = Object.keys(r.exits)
          .map(Number)
          .sort((a, b) => a - b);
        const total = reasons.reduce((sum, k) => sum + (r.exits[k] ?? 0), 0);
        const by = reasons.map((k) => `${k}:${r.exits[k] ?? 0}`).join(" ");
        lines.push(
          `${r.mode.padEnd(7)}${String(r.walks).padStart(7)}${String(r.references).padStart(8)}${String(r.hypervisorReferences).padStart(9)}${String(r.tlbHits).padStart(8)}${String(r.tlbMisses).padStart(6)}${String(r.pageFaults).padStart(5)}${String(total).padStart(7)}  ${by === "" ? "-" : by}`,
        );
      }
      lines.push("", "exit reasons: 0 exception (#PF), 14 INVLPG, 28 MOV to CR3, 48 EPT violation");
      await io.out(lines);
      return 0;
    },
  },
  {
    name: "reset",
    usage: "reset",
    help: subHelp.reset,
    async run(io, ops) {
      await io.operands(ops, 0);
      const mmu = resetMmu(io.ctx.host);
      await io.out([modeLine(mmu), `CR3: ${hex(mmu.cr3, 1)}`]);
      return 0;
    },
  },
  {
    name: "status",
    usage: "status",
    help: {
      en: "Show the mode, CR3, EPTP, guest RAM and TLB geometry.",
      ko: "모드, CR3, EPTP, 게스트 RAM, TLB 구성을 보여 줍니다.",
    },
    async run(io, ops) {
      await io.operands(ops, 0);
      await io.out(statusLines(io.mmu));
      return 0;
    },
  },
];

/** `mmu read/write PA`: 8-byte aligned, inside guest RAM unless the EPT maps more (nested mode). */
async function physicalWord(io: Io, text: string): Promise<number> {
  const pa = await io.address(text, "PA");
  if (pa % 8 !== 0) throw await io.fail(m.entryAlign, { value: text }, 1);
  if (io.mmu.mode !== "nested" && pa >= io.mmu.guestRamBytes) {
    throw await io.fail(
      m.outsideRam,
      { what: "PA", value: text, limit: hex(io.mmu.guestRamBytes - 1, 1) },
      1,
    );
  }
  return pa;
}

function bilingualList(pick: (s: Sub) => Localized): Localized {
  const list = (lang: "en" | "ko"): string =>
    subs.map((s) => `  mmu ${s.usage}\n      ${pick(s)[lang]}`).join("\n");
  return {
    en: `Subcommands:\n${list("en")}\n\nNumbers: 0x hex or decimal, '_' may separate digits (0x7f12_3456_7000).`,
    ko: `하위 명령:\n${list("ko")}\n\n숫자: 0x로 시작하는 16진수나 10진수이며, 자릿수 사이에 '_'를 넣을 수 있습니다 (0x7f12_3456_7000).`,
  };
}

const options: OptionSpec[] = [
  { flags: "--size 4k|2m|1g", help: { en: "page size (map, ept map)", ko: "페이지 크기 (map, ept map)" } },
  {
    flags: "--flags rw,user,nx,global",
    help: {
      en: "leaf entry flags (map); default read-only kernel",
      ko: "마지막 단계 엔트리 플래그 (map), 기본값은 읽기 전용 커널 페이지",
    },
  },
  { flags: "--access read|write|exec", help: { en: "kind of access (walk)", ko: "접근 종류 (walk)" } },
  {
    flags: "--user, --kernel",
    help: { en: "access at CPL 3 or CPL 0 (walk)", ko: "CPL 3 또는 CPL 0에서 접근 (walk)" },
  },
  { flags: "--perm rwx", help: { en: "EPT permissions (ept map)", ko: "EPT 권한 (ept map)" } },
  {
    flags: "--memtype N",
    help: {
      en: "EPT memory type 0-7, default 6 (WB) (ept map)",
      ko: "EPT 메모리 유형 0-7, 기본값 6 (WB) (ept map)",
    },
  },
  { flags: "--pages N, --rounds N", help: { en: "workload size (compare)", ko: "작업 크기 (compare)" } },
  {
    flags: "--reset",
    help: { en: "zero the counters after printing (stats)", ko: "출력한 뒤 카운터를 0으로 (stats)" },
  },
];

export const mmuCommand: CommandSpec = {
  name: "mmu",
  synopsis: "mmu SUBCOMMAND [ARG]... [OPTION]...",
  summary: {
    en: "Walk x86-64 page tables natively, through shadow page tables, or with nested paging (EPT).",
    ko: "x86-64 페이지 테이블을 네이티브로, 섀도 페이지 테이블로, 또는 중첩 페이징(EPT)으로 따라갑니다.",
  },
  description: bilingualList((s) => s.help),
  options,
  noHelpOption: true,
  async run(ctx) {
    const args = ctx.argv.slice(1);
    const helpAt = args.indexOf("--help");
    const dashDash = args.indexOf("--");
    const wantsHelp = helpAt >= 0 && (dashDash < 0 || helpAt < dashDash);
    const sub = subs.find((s) => s.name === args[0]);
    if (wantsHelp) {
      if (sub === undefined) {
        await printUsage(ctx, mmuCommand);
      } else {
        const usage = localize(ctx.lang, { en: "Usage:", ko: "사용법:" });
        await ctx.stdout.write(`${usage} mmu ${sub.usage}\n${sub.help[ctx.lang]}\n`);
      }
      return 0;
    }
    const lab = mmuLabOf(ctx.host);
    if (lab === undefined) {
      await ctx.stderr.write(`mmu: ${strerror(ctx.lang, "ENODEV")}\n`);
      return 1;
    }
    if (args.length === 0) {
      await ctx.stdout.write(statusLines(lab.mmu).join("\n") + "\n");
      return 0;
    }
    if (sub === undefined) {
      const text = args[0]!.startsWith("-") ? m.unknownOption : m.unknownSub;
      await ctx.stderr.write(
        `${localize(ctx.lang, text, { cmd: "mmu", value: args[0]! })}\n${localize(ctx.lang, m.tryHelp)}\n`,
      );
      return 2;
    }
    const io = new Io(ctx, lab, sub);
    const parsed = parseOptions(args.slice(1), sub.options ?? {});
    try {
      if (!parsed.ok) {
        throw await io.fail(
          parsed.problem === "unknown" ? m.unknownOption : m.optionNeedsArg,
          { value: parsed.option },
          2,
        );
      }
      return await sub.run(io, parsed.operands, parsed.opts);
    } catch (e) {
      if (e instanceof Failed) return e.status;
      throw e;
    }
  },
};

export const mmuSubcommands: readonly string[] = subs.map((s) => s.name);
