import { describe, expect, it } from "vitest";
import { compareModes } from "./workload";

describe("compareModes: the same fork / copy-on-write / switch workload in three modes", () => {
  // Workload (workload.ts): map P pages, write each; fork (P parent PTEs made read-only, each a
  // present-PTE change followed by INVLPG); the child maps the same frames read-only; then R
  // rounds of: CR3 ← child, read all, write evens; CR3 ← parent, read all, write odds. Only
  // round 1's writes fault (copy-on-write, P/2 + P/2 = P faults); each copy replaces a present
  // PTE, so P more INVLPGs.
  const pages = 16;
  const rounds = 4;
  const [native, shadow, nested] = compareModes({ pages, rounds });

  it("gives the rows in order native, shadow, nested", () => {
    expect([native!.mode, shadow!.mode, nested!.mode]).toEqual(["native", "shadow", "nested"]);
  });

  it("has P copy-on-write #PFs in every mode", () => {
    for (const row of [native!, shadow!, nested!]) expect(row.pageFaults).toBe(pages);
  });

  it("nested paging costs 24 references per walk where native costs 4, with the same walks and TLB", () => {
    expect(native!.references).toBe(4 * native!.walks);
    expect(nested!.walks).toBe(native!.walks);
    expect(nested!.references).toBe(24 * nested!.walks);
    expect([nested!.tlbHits, nested!.tlbMisses]).toEqual([native!.tlbHits, native!.tlbMisses]);
    expect(native!.exits).toEqual({});
    expect(nested!.exits).toEqual({});
  });

  it("shadow paging exits on every MOV to CR3 (1 + 2R) and every INVLPG (2P)", () => {
    expect(shadow!.exits[28]).toBe(1 + 2 * rounds);
    expect(shadow!.exits[14]).toBe(2 * pages);
    expect(shadow!.exits[0]).toBeGreaterThan(pages); // #PF exits: fills, emulated writes, injected CoW faults
    expect(shadow!.hypervisorReferences).toBeGreaterThan(0);
  });

  it("follows the levels: 5-level guest on 5-level EPT costs 5 and 35 per walk", () => {
    const [n5, , e5] = compareModes({ pages: 4, rounds: 1, guestLevels: 5, eptLevels: 5 });
    expect(n5!.references).toBe(5 * n5!.walks);
    expect(e5!.references).toBe(35 * e5!.walks);
  });
});
