import { describe, expect, it } from "vitest";
import { formatWalk } from "./format";
import { Mmu, parseEptPermissions } from "./mmu";

const va = 0x00007f1234567abcn;

function nested(options: ConstructorParameters<typeof Mmu>[0] = {}): Mmu {
  const mmu = new Mmu(options);
  mmu.setMode("nested");
  return mmu;
}

describe("nested paging with EPT (SDM Vol. 3C §29.3)", () => {
  it("a cold 4-level-on-4-level walk makes (4+1)(4+1)−1 = 24 references, in 2-D order", () => {
    const mmu = nested();
    mmu.map(va & ~0xfffn, 0x200000, 4096, { user: true, writable: true });
    const t = mmu.walk(va, { user: true });
    expect(t.pageTableReferences).toBe(24);
    // For each guest level: 4 EPT references translating that table's gPA, then the guest entry;
    // then 4 EPT references for the final gPA (§29.3.2: every guest-physical access goes through EPT).
    const expected: string[] = [];
    for (const g of ["PML4", "PDPT", "PD", "PT"]) {
      for (const e of ["PML4", "PDPT", "PD", "PT"]) expected.push(`ept>${g}:${e}`);
      expected.push(`guest:${g}`);
    }
    for (const e of ["PML4", "PDPT", "PD", "PT"]) expected.push(`ept>page:${e}`);
    expect(
      t.references.map((r) =>
        r.dimension === "ept" ? `ept>${r.forGuestStep}:${r.level}` : `guest:${r.level}`,
      ),
    ).toEqual(expected);
    // Guest entries carry both addresses: hPA = guest RAM base + gPA under the default EPT.
    const g = t.references[4]!;
    expect(g.entryAddress).toBe(mmu.guestRamBase + g.entryGuestPhysical!);
    expect(t.outcome).toMatchObject({
      kind: "ok",
      physical: mmu.guestRamBase + 0x200abc,
      guestPhysical: 0x200abc,
    });
    expect(formatWalk(t).at(-1)).toBe("page-table references: 24");
    expect(mmu.stats().exits).toEqual({}); // no VM exit on the way
  });

  it("5-level guest on 5-level EPT: (5+1)(5+1)−1 = 35", () => {
    const mmu = nested();
    mmu.setGuestLevels(5);
    mmu.setEptLevels(5);
    expect(mmu.eptp & 0x38n).toBe(4n << 3n); // EPTP bits 5:3 = walk length − 1
    mmu.map(va & ~0xfffn, 0x200000);
    expect(mmu.walk(va).pageTableReferences).toBe(35);
    mmu.setEptLevels(4);
    expect(mmu.walk(va).pageTableReferences).toBe(5 * 5 + 4); // n = 5, m = 4: 29
  });

  it("2 MiB pages remove a level in either dimension", () => {
    // Guest 2 MiB pages: n = 3 → 3×5 + 4 = 19.
    const a = nested();
    a.map(0x40000000n, 0x400000, 0x200000);
    expect(a.walk(0x40000000n).pageTableReferences).toBe(19);
    // EPT 2 MiB pages: m = 3 → 4×4 + 3 = 19; both: 3×4 + 3 = 15.
    const b = nested({ eptRamPageBytes: 0x200000 });
    b.map(0x1000n, 0x1000);
    b.map(0x40000000n, 0x400000, 0x200000);
    expect(b.walk(0x1000n).pageTableReferences).toBe(19);
    expect(b.walk(0x40000000n).pageTableReferences).toBe(15);
  });

  it("a write to a read-only EPT mapping is an EPT violation with the Table 28-7 qualification", () => {
    const mmu = nested();
    mmu.map(0x5000n, 0x5000, 4096, { user: true, writable: true });
    mmu.eptMap(0x5000, mmu.guestRamBase + 0x5000, 4096, parseEptPermissions("r"));
    const t = mmu.walk(0x5008n, { access: "write", user: true });
    // bit 1 write | bit 3 readable (R ANDed over the levels; W, X clear in the leaf) | bit 7 linear
    // valid | bit 8 final translation | bit 9 user-mode linear address | bit 10 writable linear
    // address (advanced exit information) = 0x2 + 0x8 + 0x80 + 0x100 + 0x200 + 0x400 = 0x78a.
    expect(t.outcome).toEqual({
      kind: "ept-violation",
      qualification: 0x78a,
      guestPhysical: 0x5008,
      guestLinear: 0x5008n,
    });
    expect(t.exits.map((e) => e.reason)).toEqual([48]);
    expect(mmu.walk(0x5008n, { user: true }).outcome.kind).toBe("ok"); // reads are allowed
    const lines = formatWalk(t);
    expect(lines).toContain("EPT violation (exit reason 48), qualification 0x78a");
    expect(lines).toContain("  guest-physical 0x5008, guest-linear 0x5008");
  });

  it("a guest table outside the EPT map: violation on a paging-structure access (bit 8 clear)", () => {
    const mmu = nested();
    mmu.map(0x6000n, 0x6000);
    const pdpte = mmu.walk(0x6000n).references[9]!; // guest PDPT entry
    // Point the PDPTE at gPA 0x10000000 (256 MiB), beyond the 64 MiB the EPT maps.
    mmu.writePhysical(pdpte.entryGuestPhysical!, 0x10000000n | 3n);
    mmu.flushTlb();
    const t = mmu.walk(0x6000n);
    // Read of a paging-structure entry (bit 0) | linear valid (bit 7); R/W/X of the not-present
    // EPT entry ANDed are 0; bit 8 clear: 0x81.
    expect(t.outcome).toMatchObject({
      kind: "ept-violation",
      qualification: 0x81,
      guestPhysical: 0x10000000,
    });
    // With EPT A/D on, guest paging-structure accesses count as writes: bits 0 and 1.
    mmu.setEptAccessDirty(true);
    expect(mmu.walk(0x6000n).outcome).toMatchObject({ qualification: 0x83 });
  });

  it("EPT misconfiguration (exit 49) for W without R, and for memory type 2", () => {
    const mmu = nested();
    mmu.map(0x7000n, 0x7000);
    mmu.eptMap(0x7000, mmu.guestRamBase + 0x7000, 4096, parseEptPermissions("w"));
    const t = mmu.walk(0x7000n);
    expect(t.outcome).toEqual({ kind: "ept-misconfig", guestPhysical: 0x7000 });
    expect(t.exits.map((e) => e.reason)).toEqual([49]);
    mmu.eptMap(0x7000, mmu.guestRamBase + 0x7000, 4096, parseEptPermissions("rwx"), 2);
    expect(mmu.walk(0x7000n).outcome.kind).toBe("ept-misconfig");
    mmu.eptMap(0x7000, mmu.guestRamBase + 0x7000, 4096, parseEptPermissions("rwx"), 6);
    expect(mmu.walk(0x7000n).outcome.kind).toBe("ok");
  });

  it("sets EPT A and D when EPT A/D is enabled (§29.3.5)", () => {
    const mmu = nested();
    mmu.setEptAccessDirty(true);
    mmu.map(0x8000n, 0x8000, 4096, { writable: true });
    const t = mmu.walk(0x8000n, { access: "write" });
    const finalLeaf = t.references[23]!;
    const value = mmu.memory.read(finalLeaf.entryAddress);
    expect(value & 0x300n).toBe(0x300n);
  });

  it("a guest #PF is delivered without a VM exit", () => {
    const mmu = nested();
    const t = mmu.walk(0x9000n);
    expect(t.outcome).toMatchObject({ kind: "page-fault", errorCode: 0 });
    expect(t.exits).toEqual([]);
    // 4 EPT references for the guest PML4 page, then the not-present guest PML4 entry.
    expect(t.pageTableReferences).toBe(5);
  });
});
