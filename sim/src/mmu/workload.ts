/**
 * A small guest workload run the same way in the three modes, so a reader can compare what the
 * same work costs: a process touches pages, forks (copy-on-write: both sides read-only, the
 * first write copies), and the OS switches between the two address spaces with MOV to CR3.
 * The guest OS here does what Linux does at each step (mm/memory.c do_wp_page for the copy,
 * INVLPG after changing a present PTE).
 */
import { pfP, pfU, pfW } from "./bits";
import { accessRead, accessWrite, Mmu, splitLinear, translatePageFault } from "./mmu";
import type { MmuOptions } from "./mmu";
import type { MmuMode } from "./types";

export interface WorkloadRow {
  readonly mode: MmuMode;
  readonly translations: number;
  readonly walks: number;
  readonly references: number;
  readonly hypervisorReferences: number;
  readonly tlbHits: number;
  readonly tlbMisses: number;
  readonly pageFaults: number;
  /** VM exits by basic exit reason (0 exception/#PF, 14 INVLPG, 28 CR access, 48, 49). */
  readonly exits: Readonly<Record<number, number>>;
}

export interface WorkloadOptions {
  readonly pages?: number;
  readonly rounds?: number;
  readonly mmu?: MmuOptions;
  /** Guest paging levels (CR4.LA57) and EPT walk length, 4 or 5 each (default 4). */
  readonly guestLevels?: number;
  readonly eptLevels?: number;
}

const heapVa = 0x400000n;
const heapPa = 0x100000;

function forkWorkload(mmu: Mmu, pages: number, rounds: number): void {
  const user = { user: true, writable: true };
  const va = (i: number): bigint => heapVa + BigInt(i) * 4096n;
  const touch = (i: number, access: number): void => {
    const { hi, lo } = splitLinear(va(i));
    let r = mmu.translate(hi, lo, access, true);
    if (r === translatePageFault) {
      // The guest's #PF handler: a write to a present read-only page is copy-on-write.
      const copy = mmu.allocateGuestFrame();
      mmu.map(va(i), copy, 4096, user);
      r = mmu.translate(hi, lo, access, true);
    }
    if (r < 0) throw new Error(`workload access failed: ${r}`);
  };
  const parent = mmu.cr3;
  for (let i = 0; i < pages; i++) mmu.map(va(i), heapPa + i * 4096, 4096, user);
  for (let i = 0; i < pages; i++) touch(i, accessWrite);
  // fork(): parent PTEs become read-only (each a present-PTE change followed by INVLPG)...
  for (let i = 0; i < pages; i++) mmu.map(va(i), heapPa + i * 4096, 4096, { user: true });
  // ...and the child gets its own tables mapping the same frames read-only.
  const child = mmu.allocateGuestFrame();
  mmu.loadCr3(child);
  for (let i = 0; i < pages; i++) mmu.map(va(i), heapPa + i * 4096, 4096, { user: true });
  for (let round = 0; round < rounds; round++) {
    mmu.loadCr3(child);
    for (let i = 0; i < pages; i++) touch(i, accessRead);
    for (let i = 0; i < pages; i += 2) touch(i, accessWrite);
    mmu.loadCr3(parent);
    for (let i = 0; i < pages; i++) touch(i, accessRead);
    for (let i = 1; i < pages; i += 2) touch(i, accessWrite);
  }
}

/** The three rows (native, shadow, nested) for the same fork/CoW/context-switch workload. */
export function compareModes(options: WorkloadOptions = {}): WorkloadRow[] {
  const pages = options.pages ?? 16;
  const rounds = options.rounds ?? 4;
  return (["native", "shadow", "nested"] as const).map((mode) => {
    const mmu = new Mmu(options.mmu);
    mmu.setGuestLevels(options.guestLevels ?? 4);
    mmu.setEptLevels(options.eptLevels ?? 4);
    mmu.setMode(mode);
    mmu.resetStats();
    forkWorkload(mmu, pages, rounds);
    return { mode, ...mmu.stats() };
  });
}

/** Error code of a user write to a present read-only page (what the CoW handler sees). */
export const cowErrorCode = pfP | pfW | pfU;
