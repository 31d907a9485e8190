import { describe, expect, it } from "vitest";
import {
  describeEptQualification,
  describePageFaultCode,
  formatExit,
  formatWalk,
  hex,
  walkHeader,
} from "./format";
import { Mmu, parseEptPermissions } from "./mmu";

const va = 0x00ff812345678abcn; // canonical under LA57 only

describe("formatWalk layout: every line fits an 80-column console", () => {
  it("a 5-level-on-5-level nested walk: 35 numbered lines, none wider than 80", () => {
    const mmu = new Mmu();
    mmu.setMode("nested");
    mmu.setGuestLevels(5);
    mmu.setEptLevels(5);
    mmu.map(va & ~0xfffn, 0x300000, 4096, { user: true, writable: true });
    const out = formatWalk(mmu.walk(va, { user: true }));
    expect(out[0]).toBe(walkHeader);
    expect(out.filter((l) => /^\s*\d+ /.test(l))).toHaveLength(35);
    for (const l of out) expect(l.length).toBeLessThanOrEqual(80);
    // Reference 6 is the guest PML5 entry: index 255 (bits 56:48 of the address), right-aligned
    // under "idx", its host address and guest-physical address as 13 hex digits.
    const guest = out[6]!;
    expect(guest).toMatch(
      /^ {2}6 {2}guest {5}PML5 {3}255 {2}0x[0-9a-f]{13} {2}0x[0-9a-f]{13} {2}0x[0-9a-f]{16}$/,
    );
    expect(out.at(-1)).toBe("page-table references: 35");
  });

  it("shadow walks number hardware references and mark the hypervisor's reads 'hv'", () => {
    const mmu = new Mmu();
    mmu.setMode("shadow");
    mmu.map(0x1000n, 0x5000, 4096, { user: true });
    const out = formatWalk(mmu.walk(0x1000n, { user: true }));
    expect(out.filter((l) => l.startsWith(" hv  guest/hv"))).toHaveLength(4);
    expect(out).toContain("VM exit: reason 0 (#PF): filled shadow entry");
    for (const l of out) expect(l.length).toBeLessThanOrEqual(80);
  });

  it("the EPT violation result spans three lines within 80 columns", () => {
    const mmu = new Mmu();
    mmu.setMode("nested");
    mmu.map(0x7fff_ffff_f000n, 0x5000, 4096, { user: true, writable: true });
    mmu.eptMap(0x5000, mmu.guestRamBase + 0x5000, 4096, parseEptPermissions("r"));
    const out = formatWalk(mmu.walk(0x7fff_ffff_fff8n, { user: true, access: "write" }));
    expect(out.slice(-4, -1)).toEqual([
      "EPT violation (exit reason 48), qualification 0x78a",
      "  = write readable linear-valid final-translation user-linear writable-linear",
      "  guest-physical 0x5ff8, guest-linear 0x7ffffffffff8",
    ]);
    for (const l of out) expect(l.length).toBeLessThanOrEqual(80);
  });
});

describe("decoders", () => {
  it("#PF error code words follow SDM Vol. 3A Figure 4-12 bit by bit", () => {
    expect(describePageFaultCode(0)).toBe("not-present page, supervisor read");
    // 0x1b = P (1) | W/R (2) | RSVD (8) | I/D (0x10): a fetch wins over write in the words.
    expect(describePageFaultCode(0x1b)).toBe(
      "protection violation, reserved bit set, supervisor instruction fetch",
    );
    expect(describePageFaultCode(0x6)).toBe("not-present page, user write");
  });

  it("EPT qualification bits by name (SDM Vol. 3C Table 28-7)", () => {
    // 0x81: read (bit 0) | linear valid (bit 7), bit 8 clear: the access was to a guest table.
    expect(describeEptQualification(0x81)).toBe("read linear-valid (paging-structure access)");
    expect(describeEptQualification(0x184)).toBe("fetch linear-valid final-translation");
  });

  it("exits and hex", () => {
    expect(
      formatExit({
        reason: 28,
        name: "",
        vector: null,
        qualification: null,
        handling: "switched shadow root",
      }),
    ).toBe("VM exit: reason 28 (MOV to CR3): switched shadow root");
    expect(formatExit({ reason: 14, name: "", vector: null, qualification: null, handling: "x" })).toBe(
      "VM exit: reason 14 (INVLPG): x",
    );
    expect(hex(-1n)).toBe("0xffffffffffffffff");
    expect(hex(0xabc, 1)).toBe("0xabc");
  });
});
