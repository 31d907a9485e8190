/**
 * A set-associative TLB, split by page size the way Intel's first-level data TLBs are (separate
 * arrays for 4 KiB, 2 MiB and 1 GiB translations; e.g. Skylake's L1 DTLB: 64 entries 4-way for
 * 4 KiB, 32 entries 4-way for 2 MiB, 4 entries for 1 GiB). Split arrays let a lookup compute one
 * tag per size with no search over page sizes, and make "INVLPG removes the page's entry of every
 * size" a fixed three-set probe.
 *
 * SDM Vol. 3A §4.10.2: a TLB entry caches the physical page plus the *combined* access rights of
 * the walk (R/W and U/S ANDed, XD ORed across levels) and the dirty flag of the final entry; the
 * processor creates entries only for translations that did not fault. §4.10.4.1: INVLPG
 * invalidates entries for the page of every size; MOV to CR3 invalidates all non-global entries
 * (global ones survive when CR4.PGE = 1); a full flush removes everything.
 *
 * Storage is typed arrays (no objects, no allocation on the lookup path). Tags are the virtual
 * page number at the entry's size computed from the two 32-bit halves of the 64-bit linear
 * address: at most 52 bits, exact in a double.
 */

/** Cached-rights bits of a TLB entry (combined across the walk, SDM §4.10.2.2). */
export const tlbWritable = 1;
export const tlbUser = 2;
export const tlbNoExec = 4;
export const tlbDirty = 8;
export const tlbGlobal = 16;
/** Nested mode: the EPT rights (R, W, X ANDed across EPT levels) are cached with the combined entry. */
export const tlbEptRead = 32;
export const tlbEptWrite = 64;
export const tlbEptExec = 128;

export interface TlbGeometry {
  /** Entries and ways for each page size; entries / ways must be a power of two. */
  readonly entries4k: number;
  readonly ways4k: number;
  readonly entries2m: number;
  readonly ways2m: number;
  readonly entries1g: number;
  readonly ways1g: number;
}

/** L1 DTLB of an Intel Skylake core (Intel Optimization Reference Manual, Table 2-?: "DTLB"). */
export const defaultTlbGeometry: TlbGeometry = {
  entries4k: 64,
  ways4k: 4,
  entries2m: 32,
  ways2m: 4,
  entries1g: 4,
  ways1g: 4,
};

/** One cached translation as shown by `tlb show`. */
export interface TlbEntryView {
  readonly pageBytes: number;
  /** Virtual page number at that size, as the tag (sign bits included, see `linearBase`). */
  readonly linearBase: bigint;
  readonly physicalBase: number;
  readonly writable: boolean;
  readonly user: boolean;
  readonly noExec: boolean;
  readonly dirty: boolean;
  readonly global: boolean;
}

class TlbArray {
  readonly ways: number;
  readonly setMask: number;
  readonly pageShift: number;
  readonly hiScale: number;
  readonly tag: Float64Array;
  readonly base: Float64Array;
  readonly flags: Uint8Array;
  readonly stamp: Float64Array;

  constructor(entries: number, ways: number, pageShift: number) {
    const sets = entries / ways;
    if (!Number.isInteger(sets) || sets < 1 || (sets & (sets - 1)) !== 0) {
      throw new RangeError("TLB sets must be a power of two");
    }
    this.ways = ways;
    this.setMask = sets - 1;
    this.pageShift = pageShift;
    this.hiScale = 2 ** (32 - pageShift);
    this.tag = new Float64Array(entries).fill(-1);
    this.base = new Float64Array(entries);
    this.flags = new Uint8Array(entries);
    this.stamp = new Float64Array(entries);
  }

  /** Virtual page number at this array's size: bits 63:shift of the linear address. */
  vpn(hi: number, lo: number): number {
    return hi * this.hiScale + (lo >>> this.pageShift);
  }

  find(vpn: number): number {
    const first = (vpn % (this.setMask + 1)) * this.ways;
    for (let i = first; i < first + this.ways; i++) if (this.tag[i] === vpn) return i;
    return -1;
  }
}

export class Tlb {
  readonly geometry: TlbGeometry;
  enabled = true;
  hits = 0;
  misses = 0;
  /** The last hit's slot, read by the MMU right after `lookup` returns true. */
  hitBase = 0;
  hitFlags = 0;
  hitPageBytes = 0;
  #clock = 0;
  readonly #arrays: readonly [TlbArray, TlbArray, TlbArray];
  #hitArray: TlbArray | null = null;
  #hitSlot = -1;

  constructor(geometry: TlbGeometry = defaultTlbGeometry) {
    this.geometry = geometry;
    this.#arrays = [
      new TlbArray(geometry.entries4k, geometry.ways4k, 12),
      new TlbArray(geometry.entries2m, geometry.ways2m, 21),
      new TlbArray(geometry.entries1g, geometry.ways1g, 30),
    ];
  }

  /** Looks up the linear address (two uint32 halves); on a hit fills hitBase/hitFlags/hitPageBytes. */
  lookup(hi: number, lo: number): boolean {
    if (!this.enabled) return false;
    for (let a = 0; a < 3; a++) {
      const arr = this.#arrays[a]!;
      const slot = arr.find(arr.vpn(hi, lo));
      if (slot >= 0) {
        arr.stamp[slot] = ++this.#clock;
        this.hitBase = arr.base[slot]!;
        this.hitFlags = arr.flags[slot]!;
        this.hitPageBytes = 2 ** arr.pageShift;
        this.#hitArray = arr;
        this.#hitSlot = slot;
        this.hits++;
        return true;
      }
    }
    this.misses++;
    return false;
  }

  /** Drops the entry of the last hit (a #PF invalidates the faulting address's entries, SDM §4.10.4.1). */
  dropLastHit(): void {
    if (this.#hitArray !== null && this.#hitSlot >= 0) this.#hitArray.tag[this.#hitSlot] = -1;
    this.#hitArray = null;
    this.#hitSlot = -1;
  }

  /** Caches a completed translation; replaces an existing entry for the page or the set's LRU way. */
  insert(hi: number, lo: number, pageBytes: number, physicalBase: number, flags: number): void {
    if (!this.enabled) return;
    const arr = this.#arrays[pageBytes === 4096 ? 0 : pageBytes === 0x200000 ? 1 : 2];
    const vpn = arr.vpn(hi, lo);
    let slot = arr.find(vpn);
    if (slot < 0) {
      const first = (vpn % (arr.setMask + 1)) * arr.ways;
      slot = first;
      for (let i = first; i < first + arr.ways; i++) {
        if (arr.tag[i] === -1) {
          slot = i;
          break;
        }
        if (arr.stamp[i]! < arr.stamp[slot]!) slot = i;
      }
    }
    arr.tag[slot] = vpn;
    arr.base[slot] = physicalBase;
    arr.flags[slot] = flags;
    arr.stamp[slot] = ++this.#clock;
  }

  /** INVLPG: removes the entries of every page size that contain the address. */
  invalidatePage(hi: number, lo: number): void {
    for (const arr of this.#arrays) {
      const slot = arr.find(arr.vpn(hi, lo));
      if (slot >= 0) arr.tag[slot] = -1;
    }
  }

  /** MOV to CR3: removes every entry except global ones when CR4.PGE = 1 (SDM §4.10.4.1). */
  flushNonGlobal(keepGlobal: boolean): void {
    for (const arr of this.#arrays) {
      for (let i = 0; i < arr.tag.length; i++) {
        if (!keepGlobal || (arr.flags[i]! & tlbGlobal) === 0) arr.tag[i] = -1;
      }
    }
  }

  flushAll(): void {
    for (const arr of this.#arrays) arr.tag.fill(-1);
  }

  entries(): TlbEntryView[] {
    const out: TlbEntryView[] = [];
    for (const arr of this.#arrays) {
      for (let i = 0; i < arr.tag.length; i++) {
        const vpn = arr.tag[i]!;
        if (vpn === -1) continue;
        const f = arr.flags[i]!;
        out.push({
          pageBytes: 2 ** arr.pageShift,
          linearBase: BigInt.asIntN(64, BigInt(vpn) << BigInt(arr.pageShift)),
          physicalBase: arr.base[i]!,
          writable: (f & tlbWritable) !== 0,
          user: (f & tlbUser) !== 0,
          noExec: (f & tlbNoExec) !== 0,
          dirty: (f & tlbDirty) !== 0,
          global: (f & tlbGlobal) !== 0,
        });
      }
    }
    return out.sort((a, b) => (a.linearBase < b.linearBase ? -1 : a.linearBase > b.linearBase ? 1 : 0));
  }
}
