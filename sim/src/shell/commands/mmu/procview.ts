/**
 * The guest-side view of the demo process: /proc/PID/maps and pagemap entries, computed from
 * the demo's regions and the MMU's page tables.
 */
import type { Host } from "../../../host/host";
import type { DirNode } from "../../../host/vfs";
import { demoBinary, mmuLabOf, type DemoProcess, type MmuLab, type Vma } from "./state";

/** A region as maps prints it: the demo's VMAs plus user mappings made with `mmu map` outside them. */
export interface MapsRegion {
  readonly start: bigint;
  readonly end: bigint;
  readonly perms: string;
  readonly offset: number;
  readonly dev: string;
  readonly ino: number;
  readonly name: string | null;
  readonly vma: Vma | null;
}

/** The root device of the simulated host (/dev/sda1, major 8 minor 1). */
const rootDev = "08:01";

function vmaPerms(v: { read: boolean; write: boolean; exec: boolean }): string {
  return `${v.read ? "r" : "-"}${v.write ? "w" : "-"}${v.exec ? "x" : "-"}p`;
}

export function regionsOf(lab: MmuLab, demo: DemoProcess): MapsRegion[] {
  const regions: MapsRegion[] = demo.vmas.map((v) => ({
    start: v.start,
    end: v.end,
    perms: vmaPerms(v),
    offset: v.offset,
    dev: v.file ? rootDev : "00:00",
    ino: v.file ? demo.ino : 0,
    name: v.file ? demoBinary : v.name,
    vma: v,
  }));
  // `mmu map … --flags user` acts as the guest kernel filling page tables; show each such page
  // that is not inside a region as an anonymous private region (adjacent pages merged below).
  for (const mapping of lab.mmu.mappings()) {
    if (mapping.flags.user !== true) continue;
    const start = BigInt.asUintN(64, mapping.va);
    if (start >= 0x800000000000n && start < 0xff00000000000000n) continue; // kernel half
    const end = start + BigInt(mapping.bytes);
    if (regions.some((r) => r.start < end && start < r.end)) continue;
    if (lab.mmu.guestLookup(mapping.va, demo.cr3) === null) continue;
    regions.push({
      start,
      end,
      perms: vmaPerms({
        read: true,
        write: mapping.flags.writable === true,
        exec: mapping.flags.noExec !== true,
      }),
      offset: 0,
      dev: "00:00",
      ino: 0,
      name: null,
      vma: null,
    });
  }
  regions.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const merged: MapsRegion[] = [];
  for (const r of regions) {
    const last = merged.at(-1);
    if (
      last !== undefined &&
      last.vma === null &&
      r.vma === null &&
      last.end === r.start &&
      last.perms === r.perms
    ) {
      merged[merged.length - 1] = { ...last, end: r.end };
    } else merged.push(r);
  }
  return merged;
}

/**
 * fs/proc/task_mmu.c show_vma_header_prefix(): start-end as at least 8 hex digits, the four
 * permission letters, offset (8 hex digits), major:minor (2 each), inode, a space; then, for a
 * named region, seq_pad to column 25 + sizeof(void *) * 6 - 1 = 72 plus one space before the
 * name. An unnamed region's line ends with that space after the inode.
 */
export function formatMapsLine(r: MapsRegion): string {
  const hex8 = (n: bigint | number): string => n.toString(16).padStart(8, "0");
  const prefix = `${hex8(r.start)}-${hex8(r.end)} ${r.perms} ${hex8(r.offset)} ${r.dev} ${r.ino} `;
  return r.name === null ? prefix : `${prefix.padEnd(72)} ${r.name}`;
}

export function mapsText(lab: MmuLab, demo: DemoProcess): string {
  return regionsOf(lab, demo)
    .map((r) => `${formatMapsLine(r)}\n`)
    .join("");
}

// Documentation/admin-guide/mm/pagemap.rst: one 64-bit entry per virtual page.
export const pmPfnMask = (1n << 55n) - 1n;
export const pmSoftDirty = 1n << 55n;
export const pmMmapExclusive = 1n << 56n;
export const pmFile = 1n << 61n;
export const pmSwap = 1n << 62n;
export const pmPresent = 1n << 63n;

/**
 * The pagemap entry of the page holding `va` (fs/proc/task_mmu.c pte_to_pagemap_entry):
 * present pages give PFN (bits 0-54) and bit 63; outside every region the entry is 0; inside a
 * region the soft-dirty bit 55 is reported because a new VMA carries VM_SOFTDIRTY until
 * clear_refs is written; a file page sets bit 61; a page mapped once sets bit 56 — the vDSO is
 * mapped by every process, so not. Reading needs CAP_SYS_ADMIN for the PFN: the console is root.
 */
export function pagemapEntry(lab: MmuLab, demo: DemoProcess, va: bigint): bigint {
  const page = BigInt.asUintN(64, va) & ~0xfffn;
  const region = regionsOf(lab, demo).find((r) => r.start <= page && page < r.end);
  if (region === undefined) return 0n;
  const t = lab.mmu.guestLookup(BigInt.asIntN(64, page), demo.cr3);
  let entry = pmSoftDirty;
  if (t === null || !t.user) return entry;
  entry |= pmPresent | (BigInt(Math.floor(t.physical / 4096)) & pmPfnMask);
  if (region.vma?.file === true) entry |= pmFile;
  if (region.vma?.name !== "[vdso]") entry |= pmMmapExclusive;
  return entry;
}

/**
 * Adds `maps` to /proc/PID of every process named pagedemo (they share the demo's address
 * space): /proc's provider is wrapped, the rest of each pid directory is procfs's own.
 */
export function mountProcViews(host: Host): void {
  const proc = host.vfs.lookup("/proc");
  if (proc.kind !== "dir" || proc.provider === undefined) return;
  const inner = proc.provider;
  const dir: DirNode = proc;
  dir.provider = {
    list: () => inner.list(),
    lookup(name) {
      const node = inner.lookup(name);
      if (node?.kind !== "dir" || !/^[1-9][0-9]*$/.test(name)) return node;
      const p = host.processes.get(Number(name));
      const lab = mmuLabOf(host);
      const demo = lab?.demo;
      if (p?.comm !== "pagedemo" || lab === undefined || demo === null || demo === undefined) return node;
      node.children.set(
        "maps",
        host.vfs.newGenerated(() => mapsText(lab, demo)),
      );
      return node;
    },
  };
}
