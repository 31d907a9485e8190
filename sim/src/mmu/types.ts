import type { LevelName, PageBytes } from "./bits";

export type MmuMode = "native" | "shadow" | "nested";
export type AccessKind = "read" | "write" | "exec";

/**
 * Which table a memory reference read: the only table (native), the guest's own tables (nested,
 * or the hypervisor's software walk in shadow mode), the EPT, or the hypervisor's shadow tables.
 */
export type Dimension = "native" | "guest" | "ept" | "shadow";

/** One page-table entry read, in the order the walk made it. */
export interface WalkReference {
  readonly dimension: Dimension;
  /** True for the shadow-paging hypervisor's software walk (not a hardware reference). */
  readonly byHypervisor: boolean;
  readonly level: LevelName;
  readonly index: number;
  /** Host-physical address of the entry (physical address in native mode). */
  readonly entryAddress: number;
  /** Guest-physical address of the entry, for guest tables under virtualization. */
  readonly entryGuestPhysical: number | null;
  readonly value: bigint;
  /**
   * Nested walks: the step of the guest walk this EPT reference serves (the guest level whose
   * table address is being translated, or "page" for the final guest-physical address).
   */
  readonly forGuestStep: LevelName | "page" | null;
}

export type WalkOutcome =
  | {
      readonly kind: "ok";
      /** Host-physical address (physical in native mode). */
      readonly physical: number;
      /** Size of the page that translated the address (of the translation the TLB caches). */
      readonly pageBytes: PageBytes;
      /** Guest-physical address, under virtualization. */
      readonly guestPhysical: number | null;
    }
  | { readonly kind: "page-fault"; readonly errorCode: number; readonly cr2: bigint }
  | { readonly kind: "general-protection" }
  | {
      readonly kind: "ept-violation";
      readonly qualification: number;
      readonly guestPhysical: number;
      readonly guestLinear: bigint;
    }
  | { readonly kind: "ept-misconfig"; readonly guestPhysical: number };

/** A VM exit taken while serving a command (shadow paging; EPT violations in nested mode). */
export interface VmExit {
  /** Basic exit reason, SDM Vol. 3C Appendix C. */
  readonly reason: number;
  readonly name: string;
  /** Exception vector for reason 0 (14 = #PF). */
  readonly vector: number | null;
  readonly qualification: number | null;
  /** What the hypervisor did about it, in a few words (English, model-level). */
  readonly handling: string;
}

export interface WalkTrace {
  readonly mode: MmuMode;
  readonly linear: bigint;
  readonly access: AccessKind;
  readonly user: boolean;
  readonly tlbHit: boolean;
  readonly references: readonly WalkReference[];
  /** Hardware page-table references (what the picture numbers 1..N). */
  readonly pageTableReferences: number;
  /** Entries read by the hypervisor in software (shadow paging), not counted above. */
  readonly hypervisorReferences: number;
  readonly outcome: WalkOutcome;
  readonly exits: readonly VmExit[];
}

export interface MmuStats {
  /** Translations requested (walk commands and workload accesses). */
  readonly translations: number;
  /** Hardware page walks (TLB misses or TLB off). */
  readonly walks: number;
  /** Hardware page-table references (entries read by walks). */
  readonly references: number;
  readonly hypervisorReferences: number;
  readonly tlbHits: number;
  readonly tlbMisses: number;
  /** #PF delivered to the (guest) OS. */
  readonly pageFaults: number;
  /** VM exits by basic exit reason. */
  readonly exits: Readonly<Record<number, number>>;
}

export interface MapFlags {
  readonly writable?: boolean;
  readonly user?: boolean;
  readonly noExec?: boolean;
  readonly global?: boolean;
}

export interface EptPermissions {
  readonly read: boolean;
  readonly write: boolean;
  readonly exec: boolean;
}
