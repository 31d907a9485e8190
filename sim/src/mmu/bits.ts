/**
 * Architectural constants of x86-64 paging and EPT, each defined once with its source.
 */

// SDM Vol. 3A §4.5, Tables 4-14..4-20 (formats of PML5E/PML4E/PDPTE/PDE/PTE).
export const pteP = 1 << 0;
export const pteRW = 1 << 1;
export const pteUS = 1 << 2;
export const ptePWT = 1 << 3;
export const ptePCD = 1 << 4;
export const pteA = 1 << 5;
export const pteD = 1 << 6;
/** PS in a PDPTE/PDE (1 GiB / 2 MiB page); PAT in a PTE; reserved in PML4E/PML5E. */
export const ptePS = 1 << 7;
export const pteG = 1 << 8;
/** XD (bit 63) as a bit of the high 32-bit half of an entry. */
export const pteHiXD = 0x80000000 | 0;

// SDM Vol. 3A §4.7, Figure 4-12: page-fault error code.
export const pfP = 1 << 0;
export const pfW = 1 << 1;
export const pfU = 1 << 2;
export const pfRSVD = 1 << 3;
export const pfID = 1 << 4;
/** #PF is exception vector 14 (SDM Vol. 3A Table 6-1). */
export const pageFaultVector = 14;

// SDM Vol. 3C §29.3.2 (EPT entry formats, Tables 29-1..29-6 in the 2024+ numbering; §28.2 before).
export const eptR = 1 << 0;
export const eptW = 1 << 1;
export const eptX = 1 << 2;
export const eptMemTypeShift = 3;
export const eptIgnorePat = 1 << 6;
export const eptPS = 1 << 7;
export const eptA = 1 << 8;
export const eptD = 1 << 9;
/** EPT memory types that are valid in a leaf (SDM §29.3.7): UC 0, WC 1, WT 4, WP 5, WB 6; 2, 3, 7 are reserved. */
export const eptMemTypeWB = 6;

// SDM Vol. 3C Appendix C "VMX basic exit reasons".
export const exitReasonExceptionOrNmi = 0;
export const exitReasonInvlpg = 14;
export const exitReasonCrAccess = 28;
export const exitReasonEptViolation = 48;
export const exitReasonEptMisconfig = 49;

export const exitReasonNames: Readonly<Record<number, string>> = {
  [exitReasonExceptionOrNmi]: "exception or NMI",
  [exitReasonInvlpg]: "INVLPG",
  [exitReasonCrAccess]: "control-register access",
  [exitReasonEptViolation]: "EPT violation",
  [exitReasonEptMisconfig]: "EPT misconfiguration",
};

// SDM Vol. 3C Table 28-7 "Exit Qualification for EPT Violations" (Table 29-7 in later editions).
export const eqRead = 1 << 0;
export const eqWrite = 1 << 1;
export const eqFetch = 1 << 2;
export const eqReadable = 1 << 3;
export const eqWritable = 1 << 4;
export const eqExecutable = 1 << 5;
export const eqLinearValid = 1 << 7;
/** Set: the access was to the final translation's guest-physical address; clear: to a guest paging-structure entry. */
export const eqFinalTranslation = 1 << 8;
/** Bits 9-11 with "advanced VM-exit information for EPT violations" (IA32_VMX_EPT_VPID_CAP bit 22). */
export const eqUserLinear = 1 << 9;
export const eqWritableLinear = 1 << 10;
export const eqNoExecLinear = 1 << 11;

/** Level names by level number (1 = PT ... 5 = PML5), SDM Vol. 3A §4.5. */
export const levelNames = ["", "PT", "PD", "PDPT", "PML4", "PML5"] as const;
export type LevelName = "PT" | "PD" | "PDPT" | "PML4" | "PML5";

export function levelName(level: number): LevelName {
  const name = levelNames[level];
  if (name === undefined || name === "") throw new RangeError(`paging level ${level}`);
  return name;
}

export type PageBytes = 4096 | 2097152 | 1073741824;
export const pageBytes4k = 4096;
export const pageBytes2m = 0x200000;
export const pageBytes1g = 0x40000000;

/** The level whose entry maps a page of this size (PT 1, PD 2, PDPT 3). */
export function leafLevelOf(bytes: PageBytes): number {
  return bytes === pageBytes4k ? 1 : bytes === pageBytes2m ? 2 : 3;
}

export function pageBytesOfLevel(level: number): PageBytes {
  return level === 1 ? pageBytes4k : level === 2 ? pageBytes2m : pageBytes1g;
}
