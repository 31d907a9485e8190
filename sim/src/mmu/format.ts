/**
 * The lines `mmu walk` prints for a walk trace: one fixed-width line per page-table reference,
 * then any VM exit, then the result, then the reference count. English field names and numbers
 * only (tool output, like kvm_stat's), every line at most 80 columns:
 *
 *     #  table     level  idx  entry address    guest-physical   value
 *     1  ept>PML4  PML4     0  0x0000000101000  -                0x0000000000102007
 *
 * Addresses are physical (at most 52 bits, SDM Vol. 3A §4.1.4), so 13 hex digits hold any of
 * them; entries are 64-bit values and keep 16.
 */
import { exitReasonNames, pfID, pfP, pfRSVD, pfU, pfW } from "./bits";
import { eqExecutable, eqFetch, eqFinalTranslation, eqLinearValid, eqRead, eqReadable } from "./bits";
import { eqNoExecLinear, eqUserLinear, eqWritable, eqWritableLinear, eqWrite } from "./bits";
import type { VmExit, WalkReference, WalkTrace } from "./types";

/** `0x` and at least `digits` hex digits (64-bit two's complement for negative bigints). */
export function hex(n: number | bigint, digits = 16): string {
  const v = typeof n === "bigint" ? BigInt.asUintN(64, n) : BigInt(n);
  return `0x${v.toString(16).padStart(digits, "0")}`;
}

/** Hex digits of a physical address column (52-bit addresses). */
const addressDigits = 13;

/** Which table a reference read; EPT references name the guest step they serve ("ept>PD"). */
export function referenceTable(r: WalkReference): string {
  if (r.byHypervisor) return "guest/hv";
  if (r.dimension === "ept" && r.forGuestStep !== null) return `ept>${r.forGuestStep}`;
  return r.dimension;
}

export const walkHeader = `${"#".padStart(3)}  ${"table".padEnd(9)} ${"level".padEnd(5)}  ${"idx".padStart(3)}  ${"entry address".padEnd(15)}  ${"guest-physical".padEnd(15)}  value`;

/** One reference line; `n` is its hardware reference number (0 for the hypervisor's software reads, shown "hv"). */
export function formatReference(r: WalkReference, n: number): string {
  const num = r.byHypervisor ? "hv" : String(n);
  const gpa = r.entryGuestPhysical === null ? "-" : hex(r.entryGuestPhysical, addressDigits);
  return `${num.padStart(3)}  ${referenceTable(r).padEnd(9)} ${r.level.padEnd(5)}  ${String(r.index).padStart(3)}  ${hex(r.entryAddress, addressDigits)}  ${gpa.padEnd(15)}  ${hex(r.value)}`;
}

/** Short names of the exits a walk can cause (SDM Vol. 3C Appendix C). */
function exitLabel(e: VmExit): string {
  if (e.reason === 0 && e.vector === 14) return "#PF";
  if (e.reason === 28) return "MOV to CR3";
  return exitReasonNames[e.reason] ?? e.name;
}

export function formatExit(e: VmExit): string {
  const q = e.qualification === null ? "" : `, qualification ${hex(e.qualification, 1)}`;
  return `VM exit: reason ${e.reason} (${exitLabel(e)})${q}: ${e.handling}`;
}

/**
 * The #PF error code in words, after the kernel's oops text (arch/x86/mm/fault.c
 * show_fault_oops: "not-present page" / "protection violation", "user/supervisor
 * read/write/instruction fetch"), bits per SDM Vol. 3A §4.7 Figure 4-12.
 */
export function describePageFaultCode(code: number): string {
  const parts = [(code & pfP) !== 0 ? "protection violation" : "not-present page"];
  if ((code & pfRSVD) !== 0) parts.push("reserved bit set");
  const who = (code & pfU) !== 0 ? "user" : "supervisor";
  const what = (code & pfID) !== 0 ? "instruction fetch" : (code & pfW) !== 0 ? "write" : "read";
  parts.push(`${who} ${what}`);
  return parts.join(", ");
}

/** Names of the set bits of an EPT-violation exit qualification (SDM Vol. 3C Table 28-7). */
export function describeEptQualification(q: number): string {
  const names: [number, string][] = [
    [eqRead, "read"],
    [eqWrite, "write"],
    [eqFetch, "fetch"],
    [eqReadable, "readable"],
    [eqWritable, "writable"],
    [eqExecutable, "executable"],
    [eqLinearValid, "linear-valid"],
    [eqFinalTranslation, "final-translation"],
    [eqUserLinear, "user-linear"],
    [eqWritableLinear, "writable-linear"],
    [eqNoExecLinear, "nx-linear"],
  ];
  const set = names.filter(([bit]) => (q & bit) !== 0).map(([, name]) => name);
  if ((q & eqLinearValid) !== 0 && (q & eqFinalTranslation) === 0) set.push("(paging-structure access)");
  return set.join(" ");
}

function pageSize(bytes: number): string {
  return bytes === 4096 ? "4K" : bytes === 0x200000 ? "2M" : "1G";
}

/** The result line of a walk: `physical address: 0x…` or the fault (and its detail lines). */
export function formatOutcome(trace: WalkTrace): string[] {
  const o = trace.outcome;
  switch (o.kind) {
    case "ok": {
      const gpa = o.guestPhysical === null ? "" : `guest-physical ${hex(o.guestPhysical, 1)}, `;
      return [`physical address: ${hex(o.physical, 1)} (${gpa}${pageSize(o.pageBytes)} page)`];
    }
    case "page-fault":
      return [
        `#PF error code ${hex(o.errorCode, 1)} (${describePageFaultCode(o.errorCode)}), CR2 ${hex(o.cr2, 1)}`,
      ];
    case "general-protection":
      return ["#GP(0) (non-canonical address)"];
    case "ept-violation":
      return [
        `EPT violation (exit reason 48), qualification ${hex(o.qualification, 1)}`,
        `  = ${describeEptQualification(o.qualification)}`,
        `  guest-physical ${hex(o.guestPhysical, 1)}, guest-linear ${hex(o.guestLinear, 1)}`,
      ];
    case "ept-misconfig":
      return [`EPT misconfiguration (exit reason 49), guest-physical ${hex(o.guestPhysical, 1)}`];
  }
}

/** The lines of `mmu walk VA`. */
export function formatWalk(trace: WalkTrace): string[] {
  const lines: string[] = [];
  if (trace.tlbHit) lines.push("TLB hit: no page-table reference");
  if (trace.references.length > 0) lines.push(walkHeader);
  let n = 0;
  for (const r of trace.references) lines.push(formatReference(r, r.byHypervisor ? 0 : ++n));
  // The exit for a fault the walk reports itself (48, 49) is the result line, not repeated.
  for (const e of trace.exits) if (e.reason !== 48 && e.reason !== 49) lines.push(formatExit(e));
  lines.push(...formatOutcome(trace));
  lines.push(`page-table references: ${trace.pageTableReferences}`);
  if (trace.hypervisorReferences > 0) lines.push(`hypervisor software reads: ${trace.hypervisorReferences}`);
  return lines;
}
