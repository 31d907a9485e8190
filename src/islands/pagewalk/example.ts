/**
 * The walk a page shows before its console is live (and to readers without JavaScript): the
 * model itself run at build time, so every number in it is one the simulator computes.
 */
import { Mmu } from "@vmlab/sim/mmu/mmu";
import type { MmuMode } from "@vmlab/sim/mmu/types";
import { toPicture, type WalkPicture } from "./picture";

export interface ExampleWalk {
  readonly mode?: MmuMode;
  /** Linear address walked; its 4 KiB page is mapped to `physical` for a user read/write page. */
  readonly address?: bigint;
  readonly physical?: number;
}

export const exampleAddress = 0x00007f1234567abcn;
export const examplePhysical = 0x200000;

export function exampleWalk(options: ExampleWalk = {}): WalkPicture {
  const mmu = new Mmu();
  mmu.setMode(options.mode ?? "native");
  const va = options.address ?? exampleAddress;
  mmu.map(va & ~0xfffn, options.physical ?? examplePhysical, 4096, { user: true, writable: true });
  const trace = mmu.walk(va, { user: true });
  return toPicture(trace, mmu.guestLevels, mmu.eptLevels);
}
