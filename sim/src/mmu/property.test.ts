import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Mmu } from "./mmu";
import type { AccessKind, MmuMode, WalkOutcome } from "./types";

const modes: readonly MmuMode[] = ["native", "shadow", "nested"];

// Linear addresses from a few PML4 slots (low user half, kernel half sign-extended), so mappings
// share and split tables; PAs in the low 32 MiB (page tables come from the top of the 64 MiB).
const pml4Slots = [0n, 1n, 255n, 256n, 511n];
const mappingArb = fc.record({
  slot: fc.constantFrom(...pml4Slots),
  pdpt: fc.integer({ min: 0, max: 2 }),
  pd: fc.integer({ min: 0, max: 3 }),
  pt: fc.integer({ min: 0, max: 7 }),
  large: fc.boolean(),
  frame: fc.integer({ min: 0, max: 15 }),
  writable: fc.boolean(),
  user: fc.boolean(),
  noExec: fc.boolean(),
});

function linear(m: { slot: bigint; pdpt: number; pd: number; pt: number }, large: boolean): bigint {
  const raw =
    (m.slot << 39n) | (BigInt(m.pdpt) << 30n) | (BigInt(m.pd) << 21n) | (large ? 0n : BigInt(m.pt) << 12n);
  return BigInt.asIntN(48, raw); // sign-extend bit 47: canonical
}

function summarize(o: WalkOutcome, base: number): string {
  switch (o.kind) {
    case "ok":
      return `ok ${o.physical - base}`;
    case "page-fault":
      return `pf ${o.errorCode} ${o.cr2}`;
    default:
      return o.kind;
  }
}

describe("properties", () => {
  it("native, shadow and nested agree on every gVA → PA result and fault", () => {
    const accessArb = fc.record({
      which: fc.nat(),
      offset: fc.integer({ min: 0, max: 0x1fffff }),
      access: fc.constantFrom<AccessKind>("read", "write", "exec"),
      user: fc.boolean(),
      wild: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
    });
    fc.assert(
      fc.property(
        fc.array(mappingArb, { minLength: 1, maxLength: 8 }),
        fc.array(accessArb, { minLength: 10, maxLength: 40 }),
        (maps, accesses) => {
          const results = modes.map((mode) => {
            const mmu = new Mmu();
            mmu.setMode(mode);
            const vas: [bigint, number][] = [];
            for (const m of maps) {
              const bytes = m.large ? 0x200000 : 0x1000;
              const va = linear(m, m.large);
              try {
                mmu.map(va, m.frame * 0x200000 + (m.large ? 0 : m.pt * 0x1000), bytes, m);
                vas.push([va, bytes]);
              } catch {
                /* 4 KiB inside an existing 2 MiB page: refused the same way in every mode */
              }
            }
            const base = mode === "native" ? 0 : mmu.guestRamBase;
            return accesses.map((a) => {
              // Mostly inside a mapped page (offset modulo its size), sometimes non-canonical.
              const [start, bytes] = vas[a.which % Math.max(1, vas.length)] ?? [0n, 0x1000];
              const va = a.wild ? 0x0000800000000000n + BigInt(a.offset) : start + BigInt(a.offset % bytes);
              return summarize(mmu.walk(va, { access: a.access, user: a.user }).outcome, base);
            });
          });
          expect(results[1]).toEqual(results[0]);
          expect(results[2]).toEqual(results[0]);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("the TLB never returns a translation that INVLPG, a CR3 load or a flush removed", () => {
    // Pages 0..3 at 0x400000 + 4 KiB·i (some global); ops rewrite a PTE in memory without
    // invalidation (stale results allowed until invalidated), invalidate, or access.
    const page = fc.integer({ min: 0, max: 3 });
    const op = fc.oneof(
      {
        arbitrary: fc.record({
          kind: fc.constant("retarget" as const),
          page,
          frame: fc.integer({ min: 0, max: 63 }),
        }),
        weight: 2,
      },
      { arbitrary: fc.record({ kind: fc.constant("invlpg" as const), page }), weight: 2 },
      { arbitrary: fc.record({ kind: fc.constant("cr3" as const) }), weight: 1 },
      { arbitrary: fc.record({ kind: fc.constant("flush" as const) }), weight: 1 },
      { arbitrary: fc.record({ kind: fc.constant("access" as const), page }), weight: 4 },
    );
    fc.assert(
      fc.property(
        fc.array(op, { minLength: 20, maxLength: 60 }),
        fc.constantFrom<MmuMode>(...modes),
        (ops, mode) => {
          const mmu = new Mmu({
            tlb: { entries4k: 4, ways4k: 2, entries2m: 2, ways2m: 2, entries1g: 1, ways1g: 1 },
          });
          mmu.setMode(mode);
          const base = mode === "native" ? 0 : mmu.guestRamBase;
          const global = (i: number): boolean => i % 3 === 0;
          const pteAt: number[] = [];
          const current: number[] = [];
          const allowed: Set<number>[] = [];
          for (let i = 0; i < 4; i++) {
            const va = 0x400000n + BigInt(i) * 4096n;
            mmu.map(va, 0x100000 + i * 4096, 4096, { global: global(i), writable: true });
            mmu.tlb.enabled = false;
            const leaf = mmu
              .walk(va)
              .references.filter((r) => r.dimension === "guest" || r.dimension === "native")
              .at(-1)!;
            mmu.tlb.enabled = true;
            pteAt.push(leaf.entryGuestPhysical ?? leaf.entryAddress);
            current.push(0x100000 + i * 4096);
            allowed.push(new Set([current[i]!]));
          }
          mmu.flushTlb();
          for (const o of ops) {
            if (o.kind === "retarget") {
              const pa = 0x200000 + o.frame * 4096;
              mmu.writePhysical(pteAt[o.page]!, BigInt(pa) | 3n | (global(o.page) ? 0x100n : 0n));
              current[o.page] = pa;
              allowed[o.page]!.add(pa);
            } else if (o.kind === "invlpg") {
              mmu.invlpg(0x400000n + BigInt(o.page) * 4096n);
              allowed[o.page] = new Set([current[o.page]!]);
            } else if (o.kind === "cr3") {
              mmu.loadCr3(mmu.cr3);
              for (let i = 0; i < 4; i++) if (!global(i)) allowed[i] = new Set([current[i]!]);
            } else if (o.kind === "flush") {
              mmu.flushTlb();
              for (let i = 0; i < 4; i++) allowed[i] = new Set([current[i]!]);
            } else {
              const t = mmu.walk(0x400000n + BigInt(o.page) * 4096n);
              if (t.outcome.kind !== "ok") throw new Error(t.outcome.kind);
              const got = t.outcome.physical - base;
              expect(allowed[o.page]!.has(got)).toBe(true);
              // Once walked, only the current mapping can be cached from now on.
              if (!t.tlbHit) allowed[o.page] = new Set([current[o.page]!]);
            }
          }
        },
      ),
      {
        numRuns: 200,
        examples: [
          [
            [
              { kind: "access", page: 1 },
              { kind: "retarget", page: 1, frame: 5 },
              { kind: "invlpg", page: 1 },
              { kind: "access", page: 1 },
            ],
            "native",
          ],
        ],
      },
    );
  });
});
