/**
 * The lines `mmu walk` prints for a walk trace: one fixed-width line per page-table reference,
 * then the result, then the reference count. English field names and numbers only.
 *
 *   #   table   level  index  entry address        guest-physical       value
 *   1   ept     PML4   0      0x0000000000101000   -                    0x0000000000102007
 */
import { exitReasonNames } from "./bits";
import type { VmExit, WalkReference, WalkTrace } from "./types";

export function hex(n: number | bigint, digits = 16): string {
  const v = typeof n === "bigint" ? BigInt.asUintN(64, n) : BigInt(n);
  return `0x${v.toString(16).padStart(digits, "0")}`;
}

function table(r: WalkReference): string {
  if (r.byHypervisor) return "guest/hv";
  if (r.dimension === "ept" && r.forGuestStep !== null)
    return `ept>${r.forGuestStep === "page" ? "page" : r.forGuestStep}`;
  return r.dimension;
}

export const walkHeader = `${"#".padStart(3)}  ${"table".padEnd(10)} ${"level".padEnd(5)} ${"index".padStart(5)}  ${"entry address".padEnd(18)}  ${"guest-physical".padEnd(18)}  value`;

export function formatReference(r: WalkReference, n: number): string {
  const num = r.byHypervisor ? "hv" : String(n);
  const gpa = r.entryGuestPhysical === null ? "-" : hex(r.entryGuestPhysical);
  return `${num.padStart(3)}  ${table(r).padEnd(10)} ${r.level.padEnd(5)} ${String(r.index).padStart(5)}  ${hex(r.entryAddress)}  ${gpa.padEnd(18)}  ${hex(r.value)}`;
}

export function formatExit(e: VmExit): string {
  const name = exitReasonNames[e.reason] ?? e.name;
  const vector = e.vector === null ? "" : `, vector ${e.vector}`;
  const q = e.qualification === null ? "" : `, qualification ${hex(e.qualification, 3)}`;
  return `VM exit: reason ${e.reason} (${name}${vector})${q}: ${e.handling}`;
}

/** The lines of `mmu walk VA`. */
export function formatWalk(trace: WalkTrace): string[] {
  const lines: string[] = [];
  if (trace.tlbHit) lines.push("TLB hit");
  if (trace.references.length > 0) lines.push(walkHeader);
  let n = 0;
  for (const r of trace.references) lines.push(formatReference(r, r.byHypervisor ? 0 : ++n));
  for (const e of trace.exits) lines.push(formatExit(e));
  const o = trace.outcome;
  switch (o.kind) {
    case "ok": {
      const size = o.pageBytes === 4096 ? "4K" : o.pageBytes === 0x200000 ? "2M" : "1G";
      const gpa = o.guestPhysical === null ? "" : ` (guest-physical ${hex(o.guestPhysical)})`;
      lines.push(`physical address: ${hex(o.physical)}${gpa}, page ${size}`);
      break;
    }
    case "page-fault":
      lines.push(`#PF error code ${hex(o.errorCode, 1)}, CR2 ${hex(o.cr2)}`);
      break;
    case "general-protection":
      lines.push("#GP(0)");
      break;
    case "ept-violation":
      lines.push(
        `EPT violation (exit reason 48), qualification ${hex(o.qualification, 3)}, guest-physical ${hex(o.guestPhysical)}, guest-linear ${hex(o.guestLinear)}`,
      );
      break;
    case "ept-misconfig":
      lines.push(`EPT misconfiguration (exit reason 49), guest-physical ${hex(o.guestPhysical)}`);
      break;
  }
  lines.push(`page-table references: ${trace.pageTableReferences}`);
  if (trace.hypervisorReferences > 0) lines.push(`hypervisor software reads: ${trace.hypervisorReferences}`);
  return lines;
}
