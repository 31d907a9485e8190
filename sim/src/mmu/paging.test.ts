import { describe, expect, it } from "vitest";
import { Mmu } from "./mmu";
import type { WalkTrace } from "./types";

function pf(t: WalkTrace): number {
  if (t.outcome.kind !== "page-fault") throw new Error(`expected #PF, got ${t.outcome.kind}`);
  return t.outcome.errorCode;
}
function phys(t: WalkTrace): number {
  if (t.outcome.kind !== "ok") throw new Error(`expected a translation, got ${t.outcome.kind}`);
  return t.outcome.physical;
}

describe("4-level paging, native (SDM Vol. 3A §4.5)", () => {
  it("splits 0x00007f1234567abc into indices 254/72/418/359 and offset 0xabc", () => {
    // 0x7f1234567abc >> 39 = 254 (PML4, bits 47:39); >> 30 & 511 = 72 (PDPT, 38:30);
    // >> 21 & 511 = 418 (PD, 29:21); >> 12 & 511 = 359 (PT, 20:12); & 0xfff = 0xabc.
    const mmu = new Mmu();
    mmu.map(0x00007f1234567000n, 0x200000, 4096, { user: true });
    const t = mmu.walk(0x00007f1234567abcn, { user: true });
    expect(t.references.map((r) => [r.level, r.index])).toEqual([
      ["PML4", 254],
      ["PDPT", 72],
      ["PD", 418],
      ["PT", 359],
    ]);
    // Each entry sits at table + index × 8 (§4.5: "bits 11:3 are bits … of the linear address").
    expect(t.references[0]!.entryAddress).toBe(mmu.cr3 + 254 * 8);
    expect(phys(t)).toBe(0x200abc);
    expect(t.pageTableReferences).toBe(4);
  });

  it("5-level paging adds PML5 (bits 56:48): 0x00ff812345678abc → 255/258/141/43/120", () => {
    // 0xff812345678abc >> 48 = 0xff = 255; >> 39 & 511 = 258; >> 30 & 511 = 141; >> 21 & 511 = 43;
    // >> 12 & 511 = 120. The address is canonical for LA57 (bit 56 = 0) but not for 48 bits.
    const mmu = new Mmu();
    expect(mmu.walk(0x00ff812345678abcn).outcome.kind).toBe("general-protection");
    mmu.setGuestLevels(5);
    mmu.map(0x00ff812345678000n, 0x300000);
    const t = mmu.walk(0x00ff812345678abcn);
    expect(t.references.map((r) => r.index)).toEqual([255, 258, 141, 43, 120]);
    expect(t.references[0]!.level).toBe("PML5");
    expect(phys(t)).toBe(0x300abc);
  });

  it("a non-canonical address is #GP(0), not #PF (§4.5, 'canonical')", () => {
    const mmu = new Mmu();
    expect(mmu.walk(0x0000800000000000n).outcome.kind).toBe("general-protection");
    expect(mmu.walk(0xffff7fffffffffffn).outcome.kind).toBe("general-protection");
    // 0xffff800000000000 is canonical (bits 63:47 all 1): it walks and finds nothing → #PF.
    expect(mmu.walk(0xffff800000000000n).outcome.kind).toBe("page-fault");
    expect(() => mmu.map(0x0000800000000000n, 0x1000)).toThrow(/EINVAL/);
  });

  it("error codes (§4.7): P bit 0, W/R bit 1, U/S bit 2, RSVD bit 3, I/D bit 4", () => {
    const mmu = new Mmu();
    expect(pf(mmu.walk(0x1000n))).toBe(0x0); // not present, supervisor read
    expect(pf(mmu.walk(0x1000n, { access: "write", user: true }))).toBe(0x6); // not present, user write
    mmu.map(0x2000n, 0x2000, 4096, { user: true }); // read-only user page
    expect(pf(mmu.walk(0x2000n, { access: "write", user: true }))).toBe(0x7); // P|W|U
    mmu.map(0x3000n, 0x3000, 4096, { user: true, writable: true, noExec: true });
    expect(pf(mmu.walk(0x3000n, { access: "exec" }))).toBe(0x11); // P|I/D, supervisor fetch of XD page
    expect(pf(mmu.walk(0x3000n, { access: "exec", user: true }))).toBe(0x15); // P|U|I/D
    mmu.map(0x4000n, 0x4000, 4096, { writable: true }); // supervisor page
    expect(pf(mmu.walk(0x4000n, { user: true }))).toBe(0x5); // P|U
    // Bit 51 set in a PTE is above MAXPHYADDR (46): reserved → P|RSVD, plus W for a write.
    const pte = mmu.walk(0x4000n).references[3]!;
    mmu.writePhysical(pte.entryAddress, pte.value | (1n << 51n));
    mmu.flushTlb();
    expect(pf(mmu.walk(0x4000n))).toBe(0x9);
    expect(pf(mmu.walk(0x4000n, { access: "write" }))).toBe(0xb);
  });

  it("XD with EFER.NXE = 0 is a reserved bit, and the fetch no longer sets I/D (§4.7)", () => {
    const mmu = new Mmu();
    mmu.noExecEnable = false;
    mmu.map(0x5000n, 0x5000, 4096, { user: true, noExec: true });
    expect(pf(mmu.walk(0x5000n, { access: "exec", user: true }))).toBe(0xd); // P|U|RSVD, I/D = 0
  });

  it("PS in a PML4E is reserved; bits 20:13 of a 2 MiB PDE are reserved", () => {
    const mmu = new Mmu();
    mmu.map(0x40000000n, 0x400000, 0x200000);
    const t = mmu.walk(0x40000000n);
    const pml4e = t.references[0]!;
    const pde = t.references[2]!;
    mmu.writePhysical(pde.entryAddress, pde.value | (1n << 13n));
    mmu.flushTlb();
    expect(pf(mmu.walk(0x40000000n))).toBe(0x9);
    mmu.writePhysical(pde.entryAddress, pde.value | (1n << 12n)); // bit 12 is PAT: fine
    expect(mmu.walk(0x40000000n).outcome.kind).toBe("ok");
    mmu.writePhysical(pml4e.entryAddress, pml4e.value | 0x80n);
    mmu.flushTlb();
    expect(pf(mmu.walk(0x40000000n))).toBe(0x9);
  });

  it("2 MiB and 1 GiB pages end the walk at PD (3 references) and PDPT (2 references)", () => {
    const mmu = new Mmu();
    mmu.map(0x40000000n, 0x600000, 0x200000, { writable: true });
    const t2 = mmu.walk(0x40123456n);
    expect(t2.pageTableReferences).toBe(3);
    expect(t2.outcome).toMatchObject({ kind: "ok", physical: 0x600000 + 0x123456, pageBytes: 0x200000 });
    const big = new Mmu({ guestRamBytes: 2 * 1024 * 1024 * 1024 });
    big.map(0x80000000n, 0x40000000, 0x40000000);
    const t1 = big.walk(0x80abcdefn);
    expect(t1.pageTableReferences).toBe(2);
    expect(phys(t1)).toBe(0x40000000 + 0xabcdef);
    expect(() => mmu.map(0x40000000n, 0x601000, 0x200000)).toThrow(/EINVAL/); // PA not 2 MiB-aligned
    expect(() => mmu.map(0x40001000n, 0x2000)).toThrow(/EEXIST/); // inside the 2 MiB page
  });

  it("sets A on every entry used and D on the leaf only for a write (§4.8)", () => {
    const mmu = new Mmu();
    mmu.map(0x7000n, 0x7000, 4096, { writable: true });
    const read = mmu.walk(0x7000n);
    const addrs = read.references.map((r) => r.entryAddress);
    for (const a of addrs) expect(mmu.readPhysical(a) & 0x20n).toBe(0x20n);
    expect(mmu.readPhysical(addrs[3]!) & 0x40n).toBe(0n);
    // The TLB entry has D clear, so the write hit walks again to set D (§4.8).
    const write = mmu.walk(0x7000n, { access: "write" });
    expect(write.tlbHit).toBe(false);
    expect(write.pageTableReferences).toBe(4);
    expect(mmu.readPhysical(addrs[3]!) & 0x40n).toBe(0x40n);
    for (const a of addrs.slice(0, 3)) expect(mmu.readPhysical(a) & 0x40n).toBe(0n);
    expect(mmu.walk(0x7000n, { access: "write" }).tlbHit).toBe(true);
  });

  it("CR0.WP: a supervisor write to a read-only page faults only when WP = 1 (§4.6.1)", () => {
    const mmu = new Mmu();
    mmu.map(0x8000n, 0x8000, 4096, { user: true });
    expect(pf(mmu.walk(0x8000n, { access: "write" }))).toBe(0x3);
    mmu.writeProtect = false;
    expect(phys(mmu.walk(0x8000n, { access: "write" }))).toBe(0x8000);
  });

  it("SMEP stops supervisor fetches from user pages; SMAP supervisor data accesses (AC = 0)", () => {
    const mmu = new Mmu();
    mmu.map(0x9000n, 0x9000, 4096, { user: true });
    expect(mmu.walk(0x9000n, { access: "exec" }).outcome.kind).toBe("ok");
    mmu.smep = true;
    mmu.flushTlb();
    expect(pf(mmu.walk(0x9000n, { access: "exec" }))).toBe(0x11);
    mmu.smap = true;
    expect(pf(mmu.walk(0x9000n))).toBe(0x1);
  });
});

describe("TLB (SDM Vol. 3A §4.10)", () => {
  it("global entries survive a CR3 reload with CR4.PGE = 1, others do not", () => {
    const mmu = new Mmu();
    mmu.map(0xffffffff81000000n, 0x1000000, 4096, { global: true });
    mmu.map(0x400000n, 0x100000, 4096, { user: true });
    mmu.walk(0xffffffff81000000n);
    mmu.walk(0x400000n, { user: true });
    mmu.loadCr3(mmu.cr3);
    expect(mmu.walk(0xffffffff81000000n).tlbHit).toBe(true);
    expect(mmu.walk(0x400000n, { user: true }).tlbHit).toBe(false);
    mmu.globalPages = false;
    mmu.loadCr3(mmu.cr3);
    expect(mmu.walk(0xffffffff81000000n).tlbHit).toBe(false);
  });

  it("keeps a stale translation until INVLPG, then walks the new entry", () => {
    const mmu = new Mmu();
    mmu.map(0xa000n, 0xa000);
    const pte = mmu.walk(0xa000n).references[3]!;
    mmu.writePhysical(pte.entryAddress, 0xb000n | 1n);
    expect(phys(mmu.walk(0xa123n))).toBe(0xa123); // stale but architecturally allowed
    mmu.invlpg(0xa000n);
    expect(phys(mmu.walk(0xa123n))).toBe(0xb123);
  });

  it("INVLPG of any address inside a 2 MiB page removes its entry", () => {
    const mmu = new Mmu();
    mmu.map(0x600000n, 0x800000, 0x200000);
    mmu.walk(0x600000n);
    expect(mmu.walk(0x7fffffn).tlbHit).toBe(true);
    mmu.invlpg(0x7ff000n);
    expect(mmu.walk(0x600000n).tlbHit).toBe(false);
  });

  it("a permission failure on a TLB hit uses the cached rights and drops the entry (§4.10.4.3)", () => {
    const mmu = new Mmu();
    mmu.map(0xc000n, 0xc000, 4096, { user: true });
    mmu.walk(0xc000n, { user: true });
    expect(mmu.walk(0xc000n, { user: true }).tlbHit).toBe(true);
    // Make it writable in memory without invalidating: the cached read-only rights still fault.
    mmu.tlb.enabled = false; // a lookup-free walk to find the PTE
    const leaf = mmu.walk(0xc000n, { user: true }).references[3]!;
    mmu.tlb.enabled = true;
    mmu.writePhysical(leaf.entryAddress, leaf.value | 2n);
    const before = mmu.stats().tlbHits;
    expect(pf(mmu.walk(0xc000n, { access: "write", user: true }))).toBe(0x7);
    expect(mmu.stats().tlbHits).toBe(before + 1);
    expect(mmu.walk(0xc000n, { user: true }).tlbHit).toBe(false);
  });

  it("evicts the least recently used way of a full set (64 entries, 4-way: 16 sets)", () => {
    const mmu = new Mmu();
    // Pages 16 apart land in the same set (vpn mod 16); five of them overflow four ways.
    const vas = [0, 1, 2, 3, 4].map((k) => BigInt(0x100000 + k * 16 * 4096));
    vas.forEach((va, k) => mmu.map(va, 0x100000 + k * 4096));
    for (const va of vas.slice(0, 4)) mmu.walk(va);
    mmu.walk(vas[0]!); // refresh way 0
    mmu.walk(vas[4]!); // evicts vas[1], the least recently used
    expect(mmu.walk(vas[0]!).tlbHit).toBe(true);
    expect(mmu.walk(vas[1]!).tlbHit).toBe(false);
  });
});
