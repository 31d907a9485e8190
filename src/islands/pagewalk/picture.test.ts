import { describe, expect, it } from "vitest";
import { Mmu } from "@vmlab/sim/mmu/mmu";
import { exampleWalk } from "./example";
import {
  addressFields,
  eptFlags,
  narrate,
  nestedGrid,
  pagingFlags,
  toPicture,
  type PageWalkLabels,
} from "./picture";

// 0x00007f1234567abc = 0111 1111 0001 0010 0011 0100 0101 0110 0111 1010 1011 1100 (bits 47:0).
// SDM Vol. 3A §4.5, Figure 4-8 (4-level, 4 KiB page):
//   PML4 = bits 47:39 = 0x7f1234567abc >> 39 = 0x7f1 >> 3 = 0xfe = 254
//   PDPT = bits 38:30 = (v >> 28 = 0x7f123) >> 2 = 0x1fc48, & 0x1ff = 0x48 = 72
//   PD   = bits 29:21 = (v >> 20 = 0x7f12345) >> 1 & 0x1ff = 0x3f891a2 & 0x1ff = 0x1a2 = 418
//   PT   = bits 20:12 = 0x7f1234567 & 0x1ff = 0x167 = 359
//   offset = bits 11:0 = 0xabc
const va = 0x00007f1234567abcn;

const labels = {
  step: "Step {i} of {n}: {what}: {state}",
  nativeEntry: "{level} entry {index} at {address}",
  guestEntryAt: "guest {level} entry {index} at {gpa}",
  shadowEntry: "shadow {level} entry {index} at {address}",
  hypervisorRead: "hv {level} {index} {address}",
  eptForTable: "EPT {level} entry {index} at {address} for guest {guest} table",
  eptForPage: "EPT {level} entry {index} at {address} for the data page",
  present: "present",
  notPresent: "not present",
  noFlags: "no other flag",
  tlbHit: "TLB hit.",
  noReferences: "No reference.",
  outcome: {
    ok: "physical {physical} {page}",
    okGuest: "host {physical} guest {gpa} {page}",
    pageFault: "#PF {code} {cr2}",
    generalProtection: "#GP(0)",
    eptViolation: "EPT violation {qualification} {gpa}",
    eptMisconfig: "EPT misconfig {gpa}",
  },
} as unknown as PageWalkLabels;

describe("address fields (SDM Vol. 3A §4.5)", () => {
  it("splits a 4-level address into sign, four 9-bit indices and a 12-bit offset", () => {
    const f = addressFields(va, 4, 1);
    expect(f.map((x) => [x.key, x.high, x.low, x.value])).toEqual([
      ["sign", 63, 48, "0x0"],
      ["PML4", 47, 39, "254"],
      ["PDPT", 38, 30, "72"],
      ["PD", 29, 21, "418"],
      ["PT", 20, 12, "359"],
      ["offset", 11, 0, "0xabc"],
    ]);
    expect(f[1]?.bits).toBe((254).toString(2).padStart(9, "0"));
  });

  it("adds PML5 (bits 56:48) with LA57 and widens the offset for large pages", () => {
    const kernel = 0xff11000000201234n; // bits 63:57 all ones: canonical under LA57
    const f = addressFields(kernel, 5, 2);
    // sign 63:57 = 0x7f; PML5 = bits 56:48 = 0x111 & 0x1ff = 0x111 = 273; 2 MiB page: offset 20:0 = 0x1234.
    expect(f.map((x) => [x.key, x.high, x.low, x.value])).toEqual([
      ["sign", 63, 57, "0x7f"],
      ["PML5", 56, 48, "273"],
      ["PML4", 47, 39, "0"],
      ["PDPT", 38, 30, "0"],
      ["PD", 29, 21, "1"],
      ["offset", 20, 0, "0x1234"],
    ]);
  });
});

describe("entry flags", () => {
  it("decodes a PTE: P R/W U/S A D and XD (bit 63), bit 7 is PAT at the PT level", () => {
    const on = (v: bigint, level: "PT" | "PD"): string[] =>
      pagingFlags(v, level)
        .filter((f) => f.on)
        .map((f) => f.name);
    // 0x67 = P(0) | R/W(1) | U/S(2) | A(5) | D(6).
    expect(on(0x8000000000200067n, "PT")).toEqual(["P", "R/W", "U/S", "A", "D", "NX"]);
    // 0x183 at a PDE = P | R/W | PS(7) | G(8): a global 2 MiB page.
    expect(on(0x200183n, "PD")).toEqual(["P", "R/W", "PS", "G"]);
    expect(on(0x80n, "PT")).toEqual(["PAT"]);
  });

  it("decodes an EPT leaf: R W X and memory type WB (6 << 3 = 0x30)", () => {
    const on = eptFlags(0x100000037n, "PT", true)
      .filter((f) => f.on)
      .map((f) => f.name);
    expect(on).toEqual(["R", "W", "X", "WB"]);
  });
});

describe("pictures of model walks", () => {
  it("native: four references, narrated one by one, the result on the last", () => {
    const p = exampleWalk({ mode: "native" });
    expect(p.steps.map((s) => [s.n, s.level, s.index])).toEqual([
      [1, "PML4", 254],
      [2, "PDPT", 72],
      [3, "PD", 418],
      [4, "PT", 359],
    ]);
    expect(p.steps.every((s) => s.present)).toBe(true);
    expect(p.steps[3]?.leaf).toBe(true);
    // The trace holds each entry as the walk read it: on this first walk A is still clear (the
    // processor sets it as part of the walk, §4.8); intermediate entries get P, R/W, U/S from map.
    expect(narrate(p, 0, labels)).toMatch(/^Step 1 of 4: PML4 entry 254 at 0x[0-9a-f]+: present, R\/W U\/S$/);
    // The walk's result: gPA 0x200000 + offset 0xabc (native: physical = gPA).
    expect(narrate(p, 3, labels)).toMatch(/physical 0x200abc 4K$/);
  });

  it("nested 4-on-4: 24 steps fill the (4+1)×(4+1)−1 grid in row order", () => {
    const p = exampleWalk({ mode: "nested" });
    expect(p.steps).toHaveLength(24);
    expect(p.pageTableReferences).toBe(24);
    const { eptColumns, rows } = nestedGrid(p);
    expect(eptColumns).toEqual(["PML4", "PDPT", "PD", "PT"]);
    // Row g: 4 EPT references for the guest table's gPA, then the guest entry: 5g+1..5g+5; the
    // data page row: 21..24 and no guest entry.
    expect(rows.map((r) => [r.guest, ...r.ept.map((c) => c.step), r.entry.step])).toEqual([
      ["PML4", 0, 1, 2, 3, 4],
      ["PDPT", 5, 6, 7, 8, 9],
      ["PD", 10, 11, 12, 13, 14],
      ["PT", 15, 16, 17, 18, 19],
      ["page", 20, 21, 22, 23, null],
    ]);
    expect(narrate(p, 2, labels)).toMatch(
      /^Step 3 of 24: EPT PD entry \d+ at 0x[0-9a-f]+ for guest PML4 table: present, R W X$/,
    );
    expect(narrate(p, 23, labels)).toMatch(/host 0x100200abc guest 0x200abc 4K$/);
  });

  it("a TLB hit has no step and says so", () => {
    const mmu = new Mmu();
    mmu.map(va & ~0xfffn, 0x200000, 4096, { user: true });
    mmu.walk(va, { user: true });
    const p = toPicture(mmu.walk(va, { user: true }), 4, 4);
    expect(p.tlbHit).toBe(true);
    expect(p.steps).toHaveLength(0);
    expect(narrate(p, 0, labels)).toBe("TLB hit. physical 0x200abc 4K");
  });

  it("a non-canonical address is #GP(0) with no reference", () => {
    const p = toPicture(new Mmu().walk(0x0000800000000000n), 4, 4);
    expect(p.outcome).toEqual({ kind: "general-protection" });
    expect(narrate(p, 0, labels)).toBe("No reference. #GP(0)");
  });

  it("shadow paging: the hypervisor's software reads are steps without a hardware number", () => {
    const p = exampleWalk({ mode: "shadow" });
    // First touch (sim/src/mmu/shadow.test.ts): 1 shadow reference faults, 4 software reads, 4 shadow references.
    expect(p.steps.map((s) => s.n)).toEqual([1, null, null, null, null, 2, 3, 4, 5]);
    expect(p.exits.map((e) => e.reason)).toEqual([0]);
    expect(narrate(p, 0, labels)).toMatch(/^Step 1 of 9: shadow PML4 entry 254 at 0x[0-9a-f]+: not present$/);
  });
});
