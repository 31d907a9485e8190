/**
 * The x86-64 MMU model: 4- and 5-level paging (SDM Vol. 3A ch. 4), a TLB, and the two ways a
 * hypervisor virtualizes it: shadow page tables (the hypervisor's software, modelled on KVM's
 * arch/x86/kvm/mmu) and nested paging with EPT (SDM Vol. 3C §29.3 "The extended page table
 * mechanism"; §28.2 in editions before 2024).
 *
 * Address spaces. The guest's RAM is `guestRamBytes` of guest-physical memory, held in host
 * memory at `guestRamBase + gPA` (the host's memory map for the guest). In native mode the same
 * RAM is the machine's physical memory (physical address = gPA), so one set of page tables can be
 * walked natively, through shadow tables and through EPT, and the three results compared.
 * Shadow and EPT tables live in host memory below the guest RAM.
 *
 * Hot path. `translate(hi, lo, access, user)` takes the linear address as two uint32 halves and
 * returns the physical address or a negative status, with no allocation when no trace is asked
 * for; `walk(va)` wraps it and records the trace.
 */
import { SysError } from "../core/errno";
import { EventBus } from "../core/events";
import {
  eptA,
  eptD,
  eptMemTypeShift,
  eptMemTypeWB,
  eptPS,
  eptR,
  eptW,
  eptX,
  eqExecutable,
  eqFetch,
  eqFinalTranslation,
  eqLinearValid,
  eqNoExecLinear,
  eqRead,
  eqReadable,
  eqUserLinear,
  eqWritable,
  eqWritableLinear,
  eqWrite,
  exitReasonCrAccess,
  exitReasonEptMisconfig,
  exitReasonEptViolation,
  exitReasonExceptionOrNmi,
  exitReasonInvlpg,
  exitReasonNames,
  leafLevelOf,
  levelName,
  pageBytes1g,
  pageBytes2m,
  pageBytes4k,
  pageBytesOfLevel,
  pageFaultVector,
  pfID,
  pfP,
  pfRSVD,
  pfU,
  pfW,
  pteA,
  pteD,
  pteG,
  pteHiXD,
  pteP,
  ptePS,
  pteRW,
  pteUS,
} from "./bits";
import type { LevelName, PageBytes } from "./bits";
import { entryFrame, FrameAllocator, frameBytes, highHalf, lowHalf, PhysicalMemory } from "./memory";
import {
  defaultTlbGeometry,
  Tlb,
  tlbDirty,
  tlbEptExec,
  tlbEptRead,
  tlbEptWrite,
  tlbGlobal,
  tlbNoExec,
  tlbUser,
  tlbWritable,
} from "./tlb";
import type { TlbGeometry } from "./tlb";
import type {
  AccessKind,
  Dimension,
  EptPermissions,
  MapFlags,
  MmuMode,
  MmuStats,
  VmExit,
  WalkOutcome,
  WalkReference,
  WalkTrace,
} from "./types";

/** `translate` results below zero. */
export const translatePageFault = -1;
export const translateGeneralProtection = -2;
export const translateEptViolation = -3;
export const translateEptMisconfig = -4;

/** Access codes of the hot path. */
export const accessRead = 0;
export const accessWrite = 1;
export const accessExec = 2;

const accessCodes: Record<AccessKind, number> = { read: accessRead, write: accessWrite, exec: accessExec };

export interface MmuOptions {
  /** Guest RAM size (default 64 MiB), guest-physical 0..size. */
  readonly guestRamBytes?: number;
  /** Host-physical address of guest-physical 0 (default 4 GiB). */
  readonly guestRamBase?: number;
  /** CPUID.80000008H:EAX[7:0]; bits 51:MAXPHYADDR of entries are reserved (SDM Vol. 3A §4.1.4). */
  readonly maxPhysAddrBits?: number;
  readonly tlb?: TlbGeometry;
  /** Page size the hypervisor uses to map guest RAM in the EPT (default 4 KiB). */
  readonly eptRamPageBytes?: PageBytes;
  /**
   * The event bus to emit on. A replacement MMU (the shell's `mmu reset`) takes over its
   * predecessor's bus, so pictures subscribed to it keep receiving walks.
   */
  readonly events?: EventBus<MmuEvents>;
}

export interface MmuEvents extends Record<string, unknown> {
  walk: WalkTrace;
  exit: VmExit;
  /** The host's MMU was replaced by a fresh one on the same bus (`mmu reset`): state starts over. */
  reset: null;
}

interface EptMapping {
  readonly gpa: number;
  readonly hpa: number;
  readonly bytes: PageBytes;
  readonly perm: number;
  readonly memType: number;
  /** Bytes covered (guest RAM is one mapping of many pages). */
  readonly span: number;
}

export interface GuestMapping {
  readonly va: bigint;
  readonly pa: number;
  readonly bytes: PageBytes;
  readonly flags: MapFlags;
}

/** A guest-linear → guest-physical translation as the guest OS reads it from its own tables. */
export interface GuestTranslation {
  /** Guest-physical address (physical in native mode). */
  readonly physical: number;
  readonly pageBytes: PageBytes;
  /** The leaf entry and its guest-physical address. */
  readonly entry: bigint;
  readonly entryAddress: number;
  /** Rights combined over the levels (SDM Vol. 3A §4.6). */
  readonly writable: boolean;
  readonly user: boolean;
  readonly noExec: boolean;
}

const two32 = 4294967296;
const mib = 1048576;

/** Index of `level` (1 = PT .. 5 = PML5) in a linear address given as halves (SDM §4.5, Figure 4-8/4-9). */
function indexOf(hi: number, lo: number, level: number): number {
  switch (level) {
    case 1:
      return (lo >>> 12) & 511;
    case 2:
      return (lo >>> 21) & 511;
    case 3:
      return ((lo >>> 30) | (hi << 2)) & 511;
    case 4:
      return (hi >>> 7) & 511;
    default:
      return (hi >>> 16) & 511;
  }
}

/** Offset within a page of the leaf level's size, from the low half (large pages at most 1 GiB). */
function offsetIn(lo: number, level: number): number {
  return level === 1 ? lo & 0xfff : level === 2 ? lo & 0x1fffff : lo & 0x3fffffff;
}

/** Page base address of a leaf entry: bits 51:12, 51:21 or 51:30 (PAT bit 12 excluded for large pages). */
function leafBase(hi: number, lo: number, level: number): number {
  const low = level === 1 ? lo & 0xfffff000 : level === 2 ? lo & 0xffe00000 : lo & 0xc0000000;
  return (hi & 0xfffff) * two32 + (low >>> 0);
}

function entryValue(hi: number, lo: number): bigint {
  return (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
}

/** Halves of a canonical 64-bit linear address. */
export function splitLinear(va: bigint): { hi: number; lo: number } {
  const u = BigInt.asUintN(64, va);
  return { hi: Number(u >> 32n), lo: Number(u & 0xffffffffn) };
}

export class Mmu {
  readonly memory = new PhysicalMemory();
  readonly tlb: Tlb;
  readonly events: EventBus<MmuEvents>;
  readonly guestRamBytes: number;
  readonly guestRamBase: number;
  readonly maxPhysAddrBits: number;

  /** CR0.WP, EFER.NXE, CR4.SMEP, CR4.SMAP (with EFLAGS.AC = 0), CR4.PGE. */
  writeProtect = true;
  noExecEnable = true;
  smep = false;
  smap = false;
  globalPages = true;
  /** "advanced VM-exit information for EPT violations" (bits 9-11 of the qualification). */
  advancedEptExitInfo = true;

  #mode: MmuMode = "native";
  #guestLevels = 4;
  #eptLevels = 4;
  #eptAccessDirty = false;
  #cr3 = 0;
  readonly #guestRamBaseFrame: number;
  readonly #hiRsvd: number;
  readonly #guestAlloc: FrameAllocator;
  readonly #hostAlloc: FrameAllocator;
  readonly #eptRamPageBytes: PageBytes;
  #eptRoot = -1;
  #eptMappings: EptMapping[] = [];
  #guestMappings: GuestMapping[] = [];

  // Shadow paging (KVM's arch/x86/kvm/mmu, simplified): one shadow page per guest table page
  // reached from each root, guest table pages write-protected while shadowed.
  readonly #shadowRoots = new Map<number, number>();
  readonly #shadowOf = new Map<number, number[]>();
  readonly #directPages = new Set<number>();
  readonly #rmap = new Map<number, Set<number>>();

  // Statistics.
  #translations = 0;
  #walks = 0;
  #references = 0;
  #hvReferences = 0;
  #pageFaults = 0;
  readonly #exitCounts: Record<number, number> = {};

  // Result of the last internal walk (read right after it returns).
  #resPhys = 0;
  #resGpa = -1;
  #resLevel = 1;
  #resFlags = 0;
  #resErr = 0;
  #resQual = 0;
  #resUser = 0;
  #resWrite = 0;
  #resNx = 0;
  #resGlobal = 0;
  #resDirty = 0;
  readonly #used = new Float64Array(6);
  readonly #eptUsed = new Float64Array(6);
  readonly #tableFrame = new Float64Array(6);
  #trace: WalkReference[] | null = null;
  #exits: VmExit[] | null = null;

  constructor(options: MmuOptions = {}) {
    this.guestRamBytes = options.guestRamBytes ?? 64 * mib;
    this.guestRamBase = options.guestRamBase ?? 4096 * mib;
    this.maxPhysAddrBits = options.maxPhysAddrBits ?? 46;
    this.#eptRamPageBytes = options.eptRamPageBytes ?? pageBytes4k;
    this.events = options.events ?? new EventBus<MmuEvents>();
    if (this.maxPhysAddrBits < 36 || this.maxPhysAddrBits > 52) throw new SysError("EINVAL");
    if (this.guestRamBase % pageBytes1g !== 0 || this.guestRamBytes % pageBytes2m !== 0) {
      throw new SysError("EINVAL", "guest RAM must be 1 GiB-aligned and a multiple of 2 MiB");
    }
    this.#guestRamBaseFrame = this.guestRamBase / frameBytes;
    // Bits 51:MAXPHYADDR are bits 19:(M-32) of the high half.
    this.#hiRsvd =
      this.maxPhysAddrBits >= 52 ? 0 : (0xfffff & ~((1 << (this.maxPhysAddrBits - 32)) - 1)) >>> 0;
    this.#guestAlloc = new FrameAllocator(0, this.guestRamBytes / frameBytes, true);
    // Host frames for shadow and EPT tables: from 1 MiB up to the guest RAM.
    this.#hostAlloc = new FrameAllocator(mib / frameBytes, this.#guestRamBaseFrame, false);
    this.tlb = new Tlb(options.tlb ?? defaultTlbGeometry);
    this.#cr3 = this.#guestAlloc.allocate() * frameBytes;
    this.#eptMappings = [
      {
        gpa: 0,
        hpa: this.guestRamBase,
        bytes: this.#eptRamPageBytes,
        perm: eptR | eptW | eptX,
        memType: eptMemTypeWB,
        span: this.guestRamBytes,
      },
    ];
  }

  // ---------------------------------------------------------------- configuration

  get mode(): MmuMode {
    return this.#mode;
  }

  /** Switches how the guest runs; the guest's own tables and memory are kept, the TLB is flushed. */
  setMode(mode: MmuMode): void {
    this.#mode = mode;
    this.tlb.flushAll();
    this.#resetShadow();
    if (mode === "nested" && this.#eptRoot < 0) this.#rebuildEpt();
    if (mode === "shadow") this.#shadowRootFor(this.#cr3 / frameBytes);
  }

  get guestLevels(): number {
    return this.#guestLevels;
  }

  /**
   * CR4.LA57: 4- or 5-level paging. The guest tables are rebuilt (new CR3) from the mappings
   * made with `map` in the current address space; raw `write`s to tables are not carried over.
   */
  setGuestLevels(levels: number): void {
    if (levels !== 4 && levels !== 5) throw new SysError("EINVAL");
    if (levels === this.#guestLevels) return;
    this.#guestLevels = levels;
    const mappings = this.#guestMappings;
    this.#guestMappings = [];
    this.#cr3 = this.#guestAlloc.allocate() * frameBytes;
    this.tlb.flushAll();
    this.#resetShadow();
    if (this.#mode === "shadow") this.#shadowRootFor(this.#cr3 / frameBytes);
    const exits = this.#exits;
    this.#exits = null;
    try {
      for (const m of mappings) {
        if (this.#isCanonical(splitLinear(m.va).hi)) this.map(m.va, m.pa, m.bytes, m.flags);
      }
    } finally {
      this.#exits = exits;
    }
  }

  get eptLevels(): number {
    return this.#eptLevels;
  }

  /** EPTP bits 5:3 = page-walk length − 1 (SDM Vol. 3C §25.6.11): 4- or 5-level EPT. */
  setEptLevels(levels: number): void {
    if (levels !== 4 && levels !== 5) throw new SysError("EINVAL");
    this.#eptLevels = levels;
    this.#rebuildEpt();
    this.tlb.flushAll();
  }

  get eptAccessDirty(): boolean {
    return this.#eptAccessDirty;
  }

  /** EPTP bit 6: accessed and dirty flags for EPT (SDM Vol. 3C §29.3.5). */
  setEptAccessDirty(on: boolean): void {
    this.#eptAccessDirty = on;
  }

  /** The EPT pointer: memory type WB (6), walk length − 1 in bits 5:3, A/D enable bit 6, PML4/PML5 address. */
  get eptp(): bigint {
    if (this.#eptRoot < 0) this.#rebuildEpt();
    return (
      BigInt(this.#eptRoot * frameBytes) |
      BigInt(eptMemTypeWB) |
      (BigInt(this.#eptLevels - 1) << 3n) |
      (this.#eptAccessDirty ? 64n : 0n)
    );
  }

  get cr3(): number {
    return this.#cr3;
  }

  /** A guest-physical page for the guest OS's own use (page tables, copied pages), from the top of RAM down. */
  allocateGuestFrame(): number {
    return this.#guestAlloc.allocate() * frameBytes;
  }

  // ---------------------------------------------------------------- statistics

  stats(): MmuStats {
    return {
      translations: this.#translations,
      walks: this.#walks,
      references: this.#references,
      hypervisorReferences: this.#hvReferences,
      tlbHits: this.tlb.hits,
      tlbMisses: this.tlb.misses,
      pageFaults: this.#pageFaults,
      exits: { ...this.#exitCounts },
    };
  }

  resetStats(): void {
    this.#translations = 0;
    this.#walks = 0;
    this.#references = 0;
    this.#hvReferences = 0;
    this.#pageFaults = 0;
    this.tlb.hits = 0;
    this.tlb.misses = 0;
    for (const k of Object.keys(this.#exitCounts)) delete this.#exitCounts[Number(k)];
  }

  // ---------------------------------------------------------------- guest physical memory

  /** Reads a 64-bit word of the current physical space (guest-physical under virtualization). */
  readPhysical(pa: number): bigint {
    return this.memory.read(this.#guestToHost(pa));
  }

  /**
   * The guest OS writes a 64-bit word of its physical memory. Under shadow paging a write to a
   * guest page-table page that the hypervisor shadows faults (the shadow PTE maps it read-only)
   * and exits; the hypervisor emulates the write and zaps the shadow entries derived from it.
   */
  writePhysical(pa: number, value: bigint): VmExit[] {
    const exits = this.#beginExits();
    try {
      this.#writeGuestEntry(pa, value);
      return exits;
    } finally {
      this.#exits = null;
    }
  }

  // ---------------------------------------------------------------- CR3 and invalidation

  /** MOV to CR3 by the guest OS (SDM Vol. 3A §4.10.4.1: flushes non-global TLB entries). */
  loadCr3(pa: number): VmExit[] {
    if (!Number.isSafeInteger(pa) || pa < 0 || pa % frameBytes !== 0 || pa >= this.guestRamBytes) {
      throw new SysError("EINVAL", "CR3 must be a page-aligned guest RAM address");
    }
    const exits = this.#beginExits();
    try {
      if (this.#mode === "shadow") {
        // Shadow paging intercepts MOV to CR3 (exit reason 28) and loads the shadow root instead.
        this.#exit(exitReasonCrAccess, null, null, "switched shadow root");
        this.#shadowRootFor(pa / frameBytes);
      }
      this.#cr3 = pa;
      this.tlb.flushNonGlobal(this.globalPages);
      return exits;
    } finally {
      this.#exits = null;
    }
  }

  /** INVLPG by the guest OS. Shadow paging intercepts it (exit reason 14) and zaps the shadow entry. */
  invlpg(va: bigint): VmExit[] {
    const { hi, lo } = splitLinear(va);
    const exits = this.#beginExits();
    try {
      if (this.#mode === "shadow") {
        this.#exit(exitReasonInvlpg, null, null, "zapped shadow entry");
        if (this.#shadowZapLinear(hi, lo)) this.tlb.flushAll();
      }
      this.tlb.invalidatePage(hi, lo);
      return exits;
    } finally {
      this.#exits = null;
    }
  }

  flushTlb(): void {
    this.tlb.flushAll();
  }

  // ---------------------------------------------------------------- map / unmap (guest OS)

  /**
   * The guest OS maps VA → PA in the current address space, allocating table pages from the top
   * of RAM. Intermediate entries get P, R/W and U/S (when the mapping is a user one), as Linux's
   * _PAGE_TABLE does, so the leaf alone decides the rights (SDM §4.6 combines all levels).
   */
  map(va: bigint, pa: number, bytes: PageBytes = pageBytes4k, flags: MapFlags = {}): VmExit[] {
    const { hi, lo } = splitLinear(va);
    if (!this.#isCanonical(hi)) throw new SysError("EINVAL", "non-canonical address");
    if (bytes !== pageBytes4k && bytes !== pageBytes2m && bytes !== pageBytes1g) throw new SysError("EINVAL");
    if (BigInt.asUintN(64, va) % BigInt(bytes) !== 0n) throw new SysError("EINVAL", "VA not aligned");
    if (!Number.isSafeInteger(pa) || pa < 0 || pa % bytes !== 0 || pa + bytes > this.guestRamBytes) {
      throw new SysError("EINVAL", "PA not aligned or outside RAM");
    }
    const exits = this.#beginExits();
    try {
      const leaf = leafLevelOf(bytes);
      let table = this.#cr3 / frameBytes;
      for (let level = this.#guestLevels; level > leaf; level--) {
        const at = table * frameBytes + indexOf(hi, lo, level) * 8;
        const e = this.readPhysical(at);
        const elo = Number(e & 0xffffffffn);
        if ((elo & pteP) === 0) {
          const child = this.#guestAlloc.allocate();
          const value = child * frameBytes + (pteP | pteRW | (flags.user === true ? pteUS : 0));
          this.#writeGuestEntry(at, BigInt(value));
          table = child;
          continue;
        }
        if (level <= 3 && (elo & ptePS) !== 0) throw new SysError("EEXIST", "inside a larger page");
        if (flags.user === true && (elo & pteUS) === 0) this.#writeGuestEntry(at, e | BigInt(pteUS));
        table = entryFrame(Number(e >> 32n), elo);
      }
      const at = table * frameBytes + indexOf(hi, lo, leaf) * 8;
      const old = this.readPhysical(at);
      let value = BigInt(pa) | BigInt(pteP);
      if (flags.writable === true) value |= BigInt(pteRW);
      if (flags.user === true) value |= BigInt(pteUS);
      if (flags.global === true) value |= BigInt(pteG);
      if (leaf > 1) value |= BigInt(ptePS);
      if (flags.noExec === true) value |= 1n << 63n;
      this.#writeGuestEntry(at, value);
      this.#guestMappings = this.#guestMappings.filter((m) => m.va !== va);
      this.#guestMappings.push({ va, pa, bytes, flags });
      // Changing a present entry needs an invalidation (SDM §4.10.4.2); the OS issues INVLPG.
      if ((old & BigInt(pteP)) !== 0n) this.#invlpgInto(va);
      return exits;
    } finally {
      this.#exits = null;
    }
  }

  /** The guest OS clears the leaf mapping VA and invalidates it with INVLPG, as munmap does. */
  unmap(va: bigint): VmExit[] {
    const { hi, lo } = splitLinear(va);
    if (!this.#isCanonical(hi)) throw new SysError("EINVAL", "non-canonical address");
    const exits = this.#beginExits();
    try {
      let table = this.#cr3 / frameBytes;
      for (let level = this.#guestLevels; level >= 1; level--) {
        const at = table * frameBytes + indexOf(hi, lo, level) * 8;
        const e = this.readPhysical(at);
        const elo = Number(e & 0xffffffffn);
        if ((elo & pteP) === 0) throw new SysError("ENOENT", "not mapped");
        if (level === 1 || (level <= 3 && (elo & ptePS) !== 0)) {
          this.#writeGuestEntry(at, 0n);
          this.#guestMappings = this.#guestMappings.filter((m) => m.va !== va);
          this.#invlpgInto(va);
          return exits;
        }
        table = entryFrame(Number(e >> 32n), elo);
      }
      return exits;
    } finally {
      this.#exits = null;
    }
  }

  // ---------------------------------------------------------------- EPT (hypervisor)

  /**
   * The hypervisor maps GPA → HPA in the EPT (nested paging). Later mappings override earlier
   * ones; a 4 KiB mapping inside a large one splits it. `memType` is the leaf's EPT memory type.
   */
  eptMap(gpa: number, hpa: number, bytes: PageBytes = pageBytes4k, perm: EptPermissions, memType = 6): void {
    for (const a of [gpa, hpa]) {
      if (!Number.isSafeInteger(a) || a < 0 || a % bytes !== 0 || a + bytes > 2 ** this.maxPhysAddrBits) {
        throw new SysError("EINVAL", "address not aligned or above MAXPHYADDR");
      }
    }
    if (!Number.isInteger(memType) || memType < 0 || memType > 7) throw new SysError("EINVAL");
    const p = (perm.read ? eptR : 0) | (perm.write ? eptW : 0) | (perm.exec ? eptX : 0);
    const m: EptMapping = { gpa, hpa, bytes, perm: p, memType, span: bytes };
    this.#eptMappings.push(m);
    if (this.#eptRoot < 0) this.#rebuildEpt();
    else this.#eptInstall(m);
    this.tlb.flushAll();
  }

  /**
   * The guest OS's own view of a linear address (what the kernel's page-table walkers such as
   * fs/proc/task_mmu.c's pagemap read): walks the guest tables rooted at `cr3` (default: the
   * current CR3) in software, with no access-rights check, no A/D update, no TLB and no counting.
   * Null when a level is not present.
   */
  guestLookup(va: bigint, cr3 = this.#cr3): GuestTranslation | null {
    const { hi, lo } = splitLinear(va);
    if (!this.#isCanonical(hi)) return null;
    let table = cr3 / frameBytes;
    let userAll = 1;
    let writeAll = 1;
    let nx = 0;
    for (let level = this.#guestLevels; level >= 1; level--) {
      const at = table * frameBytes + indexOf(hi, lo, level) * 8;
      let entry: bigint;
      try {
        entry = this.readPhysical(at);
      } catch {
        return null; // a table outside the guest-physical memory the hypervisor maps
      }
      const elo = Number(entry & 0xffffffffn);
      const ehi = Number(entry >> 32n);
      if ((elo & pteP) === 0) return null;
      userAll &= (elo >>> 2) & 1;
      writeAll &= (elo >>> 1) & 1;
      nx |= ehi >>> 31;
      if (level === 1 || (level <= 3 && (elo & ptePS) !== 0)) {
        return {
          physical: leafBase(ehi, elo, level) + offsetIn(lo, level),
          pageBytes: pageBytesOfLevel(level),
          entry,
          entryAddress: at,
          writable: writeAll !== 0,
          user: userAll !== 0,
          noExec: nx !== 0,
        };
      }
      table = entryFrame(ehi, elo);
    }
    return null;
  }

  /** The mappings made with `map` (and not unmapped since), oldest first. */
  mappings(): readonly GuestMapping[] {
    return this.#guestMappings;
  }

  /** Reads an EPT entry of the current EPT (for `ept show`-like tools): the leaf mapping gpa, or 0n. */
  eptLookup(gpa: number): number {
    return this.#eptSoftTranslate(gpa);
  }

  // ---------------------------------------------------------------- translation

  /** Translates and records the walk trace (the `mmu walk` command). */
  walk(va: bigint, options: { access?: AccessKind; user?: boolean } = {}): WalkTrace {
    const access = options.access ?? "read";
    const user = options.user ?? false;
    const { hi, lo } = splitLinear(va);
    const refs: WalkReference[] = [];
    const exits: VmExit[] = [];
    this.#trace = refs;
    this.#exits = exits;
    const hitsBefore = this.tlb.hits;
    const walksBefore = this.#walks;
    let status: number;
    try {
      status = this.translate(hi, lo, accessCodes[access], user);
    } finally {
      this.#trace = null;
      this.#exits = null;
    }
    let outcome: WalkOutcome;
    if (status >= 0) {
      outcome = {
        kind: "ok",
        physical: status,
        pageBytes: pageBytesOfLevel(this.#resLevel),
        guestPhysical: this.#mode === "native" || this.#resGpa < 0 ? null : this.#resGpa,
      };
    } else if (status === translatePageFault) {
      outcome = { kind: "page-fault", errorCode: this.#resErr, cr2: BigInt.asIntN(64, va) };
    } else if (status === translateGeneralProtection) {
      outcome = { kind: "general-protection" };
    } else if (status === translateEptViolation) {
      outcome = {
        kind: "ept-violation",
        qualification: this.#resQual,
        guestPhysical: this.#resGpa,
        guestLinear: BigInt.asIntN(64, va),
      };
    } else {
      outcome = { kind: "ept-misconfig", guestPhysical: this.#resGpa };
    }
    const trace: WalkTrace = {
      mode: this.#mode,
      linear: BigInt.asIntN(64, va),
      access,
      user,
      // Served from the TLB: a hit that needed no walk (a write hit with D clear walks again).
      tlbHit: this.tlb.hits > hitsBefore && this.#walks === walksBefore,
      references: refs,
      pageTableReferences: refs.filter((r) => !r.byHypervisor).length,
      hypervisorReferences: refs.filter((r) => r.byHypervisor).length,
      outcome,
      exits,
    };
    if (this.events.hasListeners("walk")) this.events.emit("walk", trace);
    return trace;
  }

  /**
   * Hot path: translate the linear address (uint32 halves) for an access (0 read, 1 write,
   * 2 fetch) at CPL 3 (`user`) or CPL 0. Returns the (host-)physical address or a negative
   * status (translatePageFault, translateGeneralProtection, translateEptViolation,
   * translateEptMisconfig).
   */
  translate(hi: number, lo: number, access: number, user: boolean): number {
    this.#translations++;
    // SDM Vol. 3A §3.3.7.1 / §4.5: a non-canonical linear address is #GP(0), never #PF.
    if (!this.#isCanonical(hi)) return translateGeneralProtection;
    const tlb = this.tlb;
    if (tlb.lookup(hi, lo)) {
      const f = tlb.hitFlags;
      const pf = this.#rightsFault(
        (f & tlbUser) !== 0 ? 1 : 0,
        (f & tlbWritable) !== 0 ? 1 : 0,
        (f & tlbNoExec) !== 0 ? 1 : 0,
        access,
        user,
        this.#mode === "shadow",
      );
      if (pf) {
        // §4.10.4.1: the #PF invalidates the TLB entries for the faulting address.
        tlb.dropLastHit();
        if (this.#mode === "shadow") return this.#shadowExit(hi, lo, access, user);
        this.#pageFaults++;
        return this.#pageFault(pfP, access, user);
      }
      const eptOk =
        this.#mode !== "nested" ||
        (f & (access === accessRead ? tlbEptRead : access === accessWrite ? tlbEptWrite : tlbEptExec)) !== 0;
      // A write through an entry whose D is clear walks to set D (SDM §4.8).
      if (eptOk && (access !== accessWrite || (f & tlbDirty) !== 0)) {
        const size = tlb.hitPageBytes;
        this.#resLevel = size === pageBytes4k ? 1 : size === pageBytes2m ? 2 : 3;
        const off = offsetIn(lo, this.#resLevel);
        if (this.#mode !== "native") this.#resGpa = -1;
        return tlb.hitBase + off;
      }
      tlb.dropLastHit();
    }
    let status: number;
    switch (this.#mode) {
      case "native":
        status = this.#walkPaging(
          hi,
          lo,
          access,
          user,
          this.#cr3 / frameBytes,
          this.#guestRamBaseFrame,
          false,
        );
        break;
      case "nested":
        status = this.#walkPaging(hi, lo, access, user, this.#cr3 / frameBytes, 0, true);
        break;
      default:
        status = this.#walkShadowHardware(hi, lo, access, user);
        if (status === translatePageFault) return this.#shadowExit(hi, lo, access, user);
    }
    if (status >= 0) this.#fillTlb(hi, lo);
    else if (status === translatePageFault) this.#pageFaults++;
    return status;
  }

  // ---------------------------------------------------------------- internals: paging walk

  #isCanonical(hi: number): boolean {
    if (this.#guestLevels === 4) {
      const s = hi >>> 15; // bits 63:47
      return s === 0 || s === 0x1ffff;
    }
    const s = hi >>> 24; // bits 63:56
    return s === 0 || s === 0xff;
  }

  /** SDM Vol. 3A §4.6.1: access rights from the combined U/S, R/W and XD of the translation. */
  #rightsFault(
    userAll: number,
    writeAll: number,
    nx: number,
    access: number,
    user: boolean,
    hwWp: boolean,
  ): boolean {
    const wp = hwWp || this.writeProtect;
    if (user) {
      if (userAll === 0) return true;
      if (access === accessWrite && writeAll === 0) return true;
      return access === accessExec && nx !== 0;
    }
    if (access === accessWrite && writeAll === 0 && wp) return true;
    if (access === accessExec) {
      if (nx !== 0) return true;
      if (this.smep && userAll !== 0) return true;
      return false;
    }
    return this.smap && userAll !== 0;
  }

  /** §4.7 error code; I/D only when CR4.SMEP = 1 or EFER.NXE = 1. */
  #pageFault(base: number, access: number, user: boolean): number {
    this.#resErr =
      base |
      (access === accessWrite ? pfW : 0) |
      (user ? pfU : 0) |
      (access === accessExec && (this.noExecEnable || this.smep) ? pfID : 0);
    return translatePageFault;
  }

  /**
   * One walk of x86-64 tables rooted at `rootFrame`. `spaceFrame` is added to table frame numbers
   * to find them in host memory (guest RAM base for native and the hypervisor's software walk,
   * 0 for shadow tables); `nested` sends every table address and the final address through EPT.
   * Sets A on every entry used and D on the leaf for writes when the translation succeeds.
   */
  #walkPaging(
    hi: number,
    lo: number,
    access: number,
    user: boolean,
    rootFrame: number,
    spaceFrame: number,
    nested: boolean,
    dimension: Dimension = nested ? "guest" : "native",
    byHypervisor = false,
    hwWp = false,
  ): number {
    const mem = this.memory;
    const trace = this.#trace;
    if (!byHypervisor) this.#walks++;
    let table = rootFrame;
    let userAll = 1;
    let writeAll = 1;
    let nx = 0;
    const nxRsvd = this.noExecEnable ? 0 : pteHiXD;
    for (let level = this.#guestLevels; level >= 1; level--) {
      const index = indexOf(hi, lo, level);
      const entryPa = table * frameBytes + index * 8;
      this.#tableFrame[level] = table;
      let hostAddr: number;
      if (nested) {
        const eptAccess = this.#eptAccessDirty ? accessWrite : accessRead;
        hostAddr = this.#eptTranslate(entryPa, eptAccess, true, level, userAll, writeAll, nx);
        if (hostAddr < 0) return hostAddr;
      } else {
        hostAddr = (table + spaceFrame) * frameBytes + index * 8;
      }
      const frame = mem.frame(Math.floor(hostAddr / frameBytes));
      const w = (hostAddr % frameBytes) >>> 2;
      const elo = frame === undefined ? 0 : frame[w]!;
      const ehi = frame === undefined ? 0 : frame[w + 1]!;
      if (byHypervisor) this.#hvReferences++;
      else this.#references++;
      if (trace !== null) {
        trace.push({
          dimension,
          byHypervisor,
          level: levelName(level),
          index,
          // Native mode shows the machine's physical address (guest RAM is its RAM).
          entryAddress: dimension === "native" ? entryPa : hostAddr,
          entryGuestPhysical: dimension === "guest" ? entryPa : null,
          value: entryValue(ehi, elo),
          forGuestStep: null,
        });
      }
      this.#used[level] = hostAddr;
      if ((elo & pteP) === 0) return this.#pageFault(0, access, user);
      // §4.5 Tables 4-15..4-20: reserved bits → #PF with RSVD (and P, the entry was present).
      let rsvd = (ehi & this.#hiRsvd) !== 0 || (ehi & nxRsvd) !== 0;
      const ps = (elo & ptePS) !== 0;
      if (level >= 4) rsvd ||= ps;
      else if (ps && level === 3) rsvd ||= (elo & 0x3fffe000) !== 0;
      else if (ps && level === 2) rsvd ||= (elo & 0x001fe000) !== 0;
      if (rsvd) return this.#pageFault(pfP | pfRSVD, access, user);
      userAll &= (elo >>> 2) & 1;
      writeAll &= (elo >>> 1) & 1;
      nx |= this.noExecEnable ? ehi >>> 31 : 0;
      if (level === 1 || (ps && level <= 3)) {
        if (this.#rightsFault(userAll, writeAll, nx, access, user, hwWp))
          return this.#pageFault(pfP, access, user);
        let phys = leafBase(ehi, elo, level) + offsetIn(lo, level);
        this.#resUser = userAll;
        this.#resWrite = writeAll;
        this.#resNx = nx;
        this.#resGlobal = this.globalPages && (elo & pteG) !== 0 ? 1 : 0;
        this.#resLevel = level;
        let eptFlags = 0;
        if (nested) {
          this.#resGpa = phys;
          phys = this.#eptTranslate(phys, access, false, 0, userAll, writeAll, nx);
          if (phys < 0) return phys;
          eptFlags = this.#resFlags;
        }
        // §4.8: A in every entry used, D in the leaf on a write.
        for (let l = this.#guestLevels; l > level; l--) this.#setBits(this.#used[l]!, pteA);
        this.#setBits(this.#used[level]!, access === accessWrite ? pteA | pteD : pteA);
        this.#resDirty = access === accessWrite || (elo & pteD) !== 0 ? 1 : 0;
        this.#resFlags = eptFlags;
        this.#resPhys = phys;
        return phys;
      }
      table = entryFrame(ehi, elo);
    }
    return translatePageFault; // unreachable: level 1 is always a leaf
  }

  #setBits(hostAddr: number, bits: number): void {
    const frame = this.memory.frameForWrite(Math.floor(hostAddr / frameBytes));
    const w = (hostAddr % frameBytes) >>> 2;
    if ((frame[w]! & bits) !== bits) frame[w] = (frame[w]! | bits) >>> 0;
  }

  #fillTlb(hi: number, lo: number): void {
    const level = this.#resLevel;
    const pageBytes = pageBytesOfLevel(level);
    const base = this.#resPhys - offsetIn(lo, level);
    const flags =
      (this.#resWrite !== 0 ? tlbWritable : 0) |
      (this.#resUser !== 0 ? tlbUser : 0) |
      (this.#resNx !== 0 ? tlbNoExec : 0) |
      (this.#resDirty !== 0 ? tlbDirty : 0) |
      (this.#resGlobal !== 0 ? tlbGlobal : 0) |
      this.#resFlags;
    this.tlb.insert(hi, lo, pageBytes, base, flags);
  }

  // ---------------------------------------------------------------- internals: EPT

  /**
   * Translates a guest-physical address through the EPT for one access (SDM Vol. 3C §29.3.3).
   * `guestStep` is the guest level whose entry is being fetched (0 = the final address).
   * Returns the host-physical address or translateEptViolation / translateEptMisconfig.
   */
  #eptTranslate(
    gpa: number,
    access: number,
    paging: boolean,
    guestStep: number,
    userAll: number,
    writeAll: number,
    nx: number,
  ): number {
    const mem = this.memory;
    const trace = this.#trace;
    const hi = highHalf(gpa);
    const lo = lowHalf(gpa);
    let table = this.#eptRoot;
    let rAll = 1;
    let wAll = 1;
    let xAll = 1;
    for (let level = this.#eptLevels; level >= 1; level--) {
      const index = indexOf(hi, lo, level);
      const hostAddr = table * frameBytes + index * 8;
      const frame = mem.frame(table);
      const elo = frame === undefined ? 0 : frame[index * 2]!;
      const ehi = frame === undefined ? 0 : frame[index * 2 + 1]!;
      this.#references++;
      if (trace !== null) {
        trace.push({
          dimension: "ept",
          byHypervisor: false,
          level: levelName(level),
          index,
          entryAddress: hostAddr,
          entryGuestPhysical: null,
          value: entryValue(ehi, elo),
          forGuestStep: guestStep === 0 ? "page" : levelName(guestStep),
        });
      }
      this.#eptUsed[level] = hostAddr;
      const perm = elo & 7;
      rAll &= perm & 1;
      wAll &= (perm >>> 1) & 1;
      xAll &= (perm >>> 2) & 1;
      // §29.3.3.2: an entry with bits 2:0 all clear is not present → EPT violation.
      if (perm === 0) return this.#eptViolation(gpa, access, paging, rAll, wAll, xAll, userAll, writeAll, nx);
      // §29.3.3.1 EPT misconfigurations: write without read; reserved bits; reserved memory type.
      const ps = (elo & eptPS) !== 0 && level <= 3 && level >= 2;
      const leaf = level === 1 || ps;
      let bad = (perm & 3) === eptW || (ehi & this.#hiRsvd) !== 0;
      if (level >= 4) bad ||= (elo & 0xf8) !== 0;
      else if (!leaf) bad ||= (elo & 0x78) !== 0;
      else if (level === 3) bad ||= (elo & 0x3ffff000) !== 0;
      else if (level === 2) bad ||= (elo & 0x001ff000) !== 0;
      if (leaf) {
        const mt = (elo >>> eptMemTypeShift) & 7;
        bad ||= mt === 2 || mt === 3 || mt === 7;
      }
      if (bad) {
        this.#resGpa = gpa;
        this.#exit(exitReasonEptMisconfig, null, null, "reported");
        return translateEptMisconfig;
      }
      if (leaf) {
        const allowed = access === accessRead ? rAll : access === accessWrite ? wAll : xAll;
        if (allowed === 0)
          return this.#eptViolation(gpa, access, paging, rAll, wAll, xAll, userAll, writeAll, nx);
        if (this.#eptAccessDirty) {
          // §29.3.5: A on every EPT entry used, D on the leaf for writes (guest table accesses count as writes).
          for (let l = this.#eptLevels; l > level; l--) this.#setBits(this.#eptUsed[l]!, eptA);
          this.#setBits(hostAddr, access === accessWrite ? eptA | eptD : eptA);
        }
        this.#resFlags = (rAll ? tlbEptRead : 0) | (wAll ? tlbEptWrite : 0) | (xAll ? tlbEptExec : 0);
        return leafBase(ehi, elo, level) + offsetIn(lo, level);
      }
      table = entryFrame(ehi, elo);
    }
    return translateEptViolation; // unreachable
  }

  /** SDM Vol. 3C Table 28-7: exit qualification for EPT violations. */
  #eptViolation(
    gpa: number,
    access: number,
    paging: boolean,
    rAll: number,
    wAll: number,
    xAll: number,
    userAll: number,
    writeAll: number,
    nx: number,
  ): number {
    let q = access === accessRead ? eqRead : access === accessWrite ? eqWrite : eqFetch;
    // A guest paging-structure access treated as a write (EPT A/D on) reports both read and write.
    if (paging && access === accessWrite) q |= eqRead;
    q |= (rAll ? eqReadable : 0) | (wAll ? eqWritable : 0) | (xAll ? eqExecutable : 0) | eqLinearValid;
    if (!paging) {
      q |= eqFinalTranslation;
      if (this.advancedEptExitInfo) {
        q |= (userAll ? eqUserLinear : 0) | (writeAll ? eqWritableLinear : 0) | (nx ? eqNoExecLinear : 0);
      }
    }
    this.#resQual = q;
    this.#resGpa = gpa;
    this.#exit(exitReasonEptViolation, null, q, "reported");
    return translateEptViolation;
  }

  /** The hypervisor's software view of its EPT (no permission check, no counting). -1 if unmapped. */
  #eptSoftTranslate(gpa: number): number {
    if (this.#eptRoot < 0) this.#rebuildEpt();
    const hi = highHalf(gpa);
    const lo = lowHalf(gpa);
    let table = this.#eptRoot;
    for (let level = this.#eptLevels; level >= 1; level--) {
      const frame = this.memory.frame(table);
      const index = indexOf(hi, lo, level);
      const elo = frame === undefined ? 0 : frame[index * 2]!;
      const ehi = frame === undefined ? 0 : frame[index * 2 + 1]!;
      if ((elo & 7) === 0) return -1;
      if (level === 1 || (level <= 3 && (elo & eptPS) !== 0))
        return leafBase(ehi, elo, level) + offsetIn(lo, level);
      table = entryFrame(ehi, elo);
    }
    return -1;
  }

  #rebuildEpt(): void {
    this.#eptRoot = this.#hostAlloc.allocate();
    for (const m of this.#eptMappings) this.#eptInstall(m);
  }

  /** Writes one EPT leaf, creating tables (non-leaf entries RWX, SDM §29.3.2) and splitting large leaves. */
  #eptInstall(m: EptMapping): void {
    for (let off = 0; off < m.span; off += m.bytes) this.#eptInstallPage(m.gpa + off, m.hpa + off, m);
  }

  #eptInstallPage(gpa: number, hpa: number, m: EptMapping): void {
    const hi = highHalf(gpa);
    const lo = lowHalf(gpa);
    const leafLevel = leafLevelOf(m.bytes);
    let table = this.#eptRoot;
    for (let level = this.#eptLevels; level > leafLevel; level--) {
      const frame = this.memory.frameForWrite(table);
      const i = indexOf(hi, lo, level) * 2;
      const elo = frame[i]!;
      const ehi = frame[i + 1]!;
      if ((elo & 7) !== 0 && !((elo & eptPS) !== 0 && level <= 3)) {
        table = entryFrame(ehi, elo);
        continue;
      }
      const child = this.#hostAlloc.allocate();
      const cf = this.memory.frameForWrite(child);
      if ((elo & 7) !== 0) {
        // Split a large leaf into 512 leaves of the next size with the same rights and type.
        const base = leafBase(ehi, elo, level);
        const step = pageBytesOfLevel(level - 1);
        const keep = (elo & 0xfff & ~(level - 1 === 1 ? eptPS : 0)) | (level - 1 > 1 ? eptPS : 0);
        for (let j = 0; j < 512; j++) {
          const a = base + j * step;
          cf[j * 2] = ((lowHalf(a) & 0xfffff000) | keep) >>> 0;
          cf[j * 2 + 1] = highHalf(a);
        }
      }
      frame[i] = (((child * frameBytes) % two32) | eptR | eptW | eptX) >>> 0;
      frame[i + 1] = highHalf(child * frameBytes);
      table = child;
    }
    const frame = this.memory.frameForWrite(table);
    const i = indexOf(hi, lo, leafLevel) * 2;
    frame[i] =
      ((lowHalf(hpa) & 0xfffff000) |
        m.perm |
        (m.memType << eptMemTypeShift) |
        (leafLevel > 1 ? eptPS : 0)) >>>
      0;
    frame[i + 1] = highHalf(hpa);
  }

  // ---------------------------------------------------------------- internals: guest memory

  #guestToHost(gpa: number): number {
    if (!Number.isSafeInteger(gpa) || gpa < 0 || gpa % 8 !== 0 || gpa >= 2 ** 52)
      throw new SysError("EINVAL");
    if (this.#mode === "nested") {
      const h = this.#eptSoftTranslate(gpa);
      if (h < 0) throw new SysError("EFAULT", "guest-physical address not mapped by the EPT");
      return h;
    }
    return this.guestRamBase + gpa;
  }

  #writeGuestEntry(gpa: number, value: bigint): void {
    const host = this.#guestToHost(gpa);
    if (this.#mode === "shadow") {
      const gfn = Math.floor(gpa / frameBytes);
      const shadows = this.#shadowOf.get(gfn);
      if (shadows !== undefined) {
        // The guest page table is write-protected by its shadow: the write faults and exits
        // (reason 0, vector 14); the hypervisor emulates it and zaps the derived shadow entries.
        this.#exit(
          exitReasonExceptionOrNmi,
          pageFaultVector,
          null,
          "emulated page-table write, zapped shadow entry",
        );
        const index = (gpa % frameBytes) >>> 3;
        for (const s of shadows) {
          const at = s * frameBytes + index * 8;
          const f = this.memory.frame(s);
          if (f !== undefined && (f[index * 2]! & pteP) !== 0) {
            this.memory.clear(at);
          }
        }
      }
    }
    this.memory.write(host, value);
  }

  #invlpgInto(va: bigint): void {
    const collected = this.#exits;
    const exits = this.invlpg(va);
    this.#exits = collected;
    if (collected !== null) collected.push(...exits);
  }

  #beginExits(): VmExit[] {
    const exits: VmExit[] = this.#exits ?? [];
    this.#exits = exits;
    return exits;
  }

  #exit(reason: number, vector: number | null, qualification: number | null, handling: string): void {
    this.#exitCounts[reason] = (this.#exitCounts[reason] ?? 0) + 1;
    const e: VmExit = {
      reason,
      name: exitReasonNames[reason] ?? String(reason),
      vector,
      qualification,
      handling,
    };
    this.#exits?.push(e);
    if (this.events.hasListeners("exit")) this.events.emit("exit", e);
  }

  // ---------------------------------------------------------------- internals: shadow paging

  #resetShadow(): void {
    this.#shadowRoots.clear();
    this.#shadowOf.clear();
    this.#directPages.clear();
    this.#rmap.clear();
  }

  #shadowRootFor(guestFrame: number): number {
    let root = this.#shadowRoots.get(guestFrame);
    if (root === undefined) {
      root = this.#hostAlloc.allocate();
      this.#shadowRoots.set(guestFrame, root);
      this.#shadow(guestFrame, root);
    }
    return root;
  }

  /** Records that host page `shadowFrame` shadows guest table page `guestFrame`, and write-protects it. */
  #shadow(guestFrame: number, shadowFrame: number): void {
    const list = this.#shadowOf.get(guestFrame);
    if (list === undefined) this.#shadowOf.set(guestFrame, [shadowFrame]);
    else list.push(shadowFrame);
    // KVM rmap_write_protect: every shadow leaf mapping this guest frame loses W, then TLB flush.
    const rmap = this.#rmap.get(guestFrame);
    if (rmap === undefined) return;
    let changed = false;
    const target = this.#guestRamBaseFrame + guestFrame;
    for (const at of rmap) {
      const f = this.memory.frame(Math.floor(at / frameBytes));
      if (f === undefined) continue;
      const w = (at % frameBytes) >>> 2;
      if ((f[w]! & pteP) !== 0 && entryFrame(f[w + 1]!, f[w]!) === target && (f[w]! & pteRW) !== 0) {
        f[w] = (f[w]! & ~pteRW) >>> 0;
        changed = true;
      }
    }
    if (changed) this.tlb.flushAll();
  }

  #walkShadowHardware(hi: number, lo: number, access: number, user: boolean): number {
    const root = this.#shadowRootFor(this.#cr3 / frameBytes);
    // KVM keeps CR0.WP = 1 in hardware under shadow paging and emulates WP = 0 in the shadow PTEs.
    const status = this.#walkPaging(hi, lo, access, user, root, 0, false, "shadow", false, true);
    if (status >= 0) this.#resGpa = status - this.guestRamBase;
    return status;
  }

  /**
   * Shadow paging: every #PF exits (exception bitmap bit 14; exit reason 0, vector 14). The
   * hypervisor walks the guest tables in software: if the guest would fault, it injects the #PF
   * (guest error code, CR2); otherwise it fills the shadow entry and the access is retried.
   */
  #shadowExit(hi: number, lo: number, access: number, user: boolean): number {
    const levels = this.#guestLevels;
    const status = this.#walkPaging(
      hi,
      lo,
      access,
      user,
      this.#cr3 / frameBytes,
      this.#guestRamBaseFrame,
      false,
      "guest",
      true,
    );
    if (status < 0) {
      this.#exit(exitReasonExceptionOrNmi, pageFaultVector, null, "injected #PF into the guest");
      this.#pageFaults++;
      return status;
    }
    const gpa = status;
    const guestLeaf = this.#resLevel;
    const userAll = this.#resUser;
    let writeAll = this.#resWrite;
    let userBit = userAll;
    // WP = 0 emulation (KVM): a supervisor write the guest allows makes a kernel-only writable spte.
    if (!this.writeProtect && !user && access === accessWrite && writeAll === 0) {
      writeAll = 1;
      userBit = 0;
    }
    const dirty = this.#resDirty;
    const nx = this.#resNx;
    const global = this.#resGlobal;
    const gfn = Math.floor(gpa / frameBytes);
    const emulate = access === accessWrite && this.#shadowOf.has(gfn);
    this.#exit(
      exitReasonExceptionOrNmi,
      pageFaultVector,
      null,
      emulate ? "emulated write to a guest page table" : "filled shadow entry",
    );
    // Build the shadow path gVA → hPA with 4 KiB shadow leaves (large guest pages get direct tables).
    let table = this.#shadowRootFor(this.#cr3 / frameBytes);
    for (let level = levels; level >= 2; level--) {
      const f = this.memory.frameForWrite(table);
      const i = indexOf(hi, lo, level) * 2;
      if ((f[i]! & pteP) !== 0) {
        table = entryFrame(f[i + 1]!, f[i]!);
        continue;
      }
      const child = this.#hostAlloc.allocate();
      f[i] = (((child * frameBytes) % two32) | pteP | pteRW | pteUS) >>> 0;
      f[i + 1] = highHalf(child * frameBytes);
      if (level > guestLeaf) this.#shadow(this.#tableFrame[level - 1]!, child);
      else this.#directPages.add(child);
      table = child;
    }
    const page = gpa - (gpa % frameBytes);
    const writable = writeAll !== 0 && dirty !== 0 && !this.#shadowOf.has(gfn) ? pteRW : 0;
    const hpa = this.guestRamBase + page;
    const f = this.memory.frameForWrite(table);
    const i = indexOf(hi, lo, 1) * 2;
    f[i] = ((hpa % two32) | pteP | writable | (userBit ? pteUS : 0) | (global ? pteG : 0)) >>> 0;
    f[i + 1] = (highHalf(hpa) | (nx ? pteHiXD : 0)) >>> 0;
    const leafAt = table * frameBytes + i * 4;
    let rmap = this.#rmap.get(gfn);
    if (rmap === undefined) this.#rmap.set(gfn, (rmap = new Set()));
    rmap.add(leafAt);
    if (emulate) {
      // The hypervisor performed the write itself; the shadow leaf stays read-only.
      this.#resGpa = gpa;
      this.#resLevel = 1;
      return hpa + (gpa % frameBytes);
    }
    const retry = this.#walkShadowHardware(hi, lo, access, user);
    if (retry >= 0) this.#fillTlb(hi, lo);
    return retry;
  }

  /** INVLPG under shadow paging: zap the shadow leaf for the address, or the link to a direct table. */
  #shadowZapLinear(hi: number, lo: number): boolean {
    const root = this.#shadowRoots.get(this.#cr3 / frameBytes);
    if (root === undefined) return false;
    let table = root;
    for (let level = this.#guestLevels; level >= 1; level--) {
      const f = this.memory.frame(table);
      if (f === undefined) return false;
      const i = indexOf(hi, lo, level) * 2;
      if ((f[i]! & pteP) === 0) return false;
      if (level === 1) {
        f[i] = 0;
        f[i + 1] = 0;
        return false;
      }
      const child = entryFrame(f[i + 1]!, f[i]!);
      if (this.#directPages.has(child)) {
        f[i] = 0;
        f[i + 1] = 0;
        return true; // the guest's large page had up to 512 4 KiB translations: flush them all
      }
      table = child;
    }
    return false;
  }
}

// ------------------------------------------------------------------ argument helpers for the shell

/** `--size 4k|2m|1g`. */
export function parsePageSize(text: string): PageBytes {
  switch (text.toLowerCase()) {
    case "4k":
      return pageBytes4k;
    case "2m":
      return pageBytes2m;
    case "1g":
      return pageBytes1g;
    default:
      throw new SysError("EINVAL", `page size ${text}`);
  }
}

/** `--flags rw,user,nx,global`. */
export function parseMapFlags(text: string): MapFlags {
  const flags = { writable: false, user: false, noExec: false, global: false };
  for (const f of text.split(",")) {
    if (f === "") continue;
    if (f === "rw") flags.writable = true;
    else if (f === "user") flags.user = true;
    else if (f === "nx") flags.noExec = true;
    else if (f === "global") flags.global = true;
    else if (f !== "ro") throw new SysError("EINVAL", `flag ${f}`);
  }
  return flags;
}

/** `--perm rwx` (any subset, "-" for none). */
export function parseEptPermissions(text: string): EptPermissions {
  if (!/^(r?w?x?|-+|[rwx-]{3})$/.test(text)) throw new SysError("EINVAL", `perm ${text}`);
  return { read: text.includes("r"), write: text.includes("w"), exec: text.includes("x") };
}

export type { LevelName, PageBytes };
