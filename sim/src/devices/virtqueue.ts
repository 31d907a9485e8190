import type { GuestMemory } from "../vmx/guest-memory";

/**
 * Split virtqueues (virtio 1.2 §2.7) laid out in guest memory, little-endian.
 * Descriptor (§2.7.5): le64 addr, le32 len, le16 flags, le16 next — 16 bytes.
 * Available ring (§2.7.6): le16 flags, le16 idx, le16 ring[size], le16 used_event.
 * Used ring (§2.7.8): le16 flags, le16 idx, {le32 id, le32 len} ring[size], le16 avail_event.
 */
export const virtqDescFlag = { NEXT: 1, WRITE: 2, INDIRECT: 4 } as const;
/** §2.7.7: the driver asks for no interrupts (ignored by the device when EVENT_IDX is negotiated). */
export const virtqAvailFNoInterrupt = 1;
/** §2.7.10: the device asks for no notifications (ignored by the driver when EVENT_IDX is negotiated). */
export const virtqUsedFNoNotify = 1;

export const virtqDescBytes = 16;

export interface VirtqDesc {
  readonly addr: number;
  readonly len: number;
  readonly flags: number;
  readonly next: number;
}

export interface SplitQueueLayout {
  readonly size: number;
  readonly descGpa: number;
  readonly availGpa: number;
  readonly usedGpa: number;
}

/** §2.7: alignment 16 for descriptors, 2 for the available ring, 4 for the used ring; we give each its own page. */
export function splitQueueLayout(baseGpa: number, size: number): SplitQueueLayout {
  const page = 4096;
  const descGpa = baseGpa;
  const availGpa = descGpa + Math.ceil((virtqDescBytes * size) / page) * page;
  const usedGpa = availGpa + Math.ceil((6 + 2 * size) / page) * page;
  return { size, descGpa, availGpa, usedGpa };
}

export function splitQueueEndGpa(q: SplitQueueLayout): number {
  return q.usedGpa + Math.ceil((6 + 8 * q.size) / 4096) * 4096;
}

/**
 * §2.7.10 / §2.7.7.2: with VIRTIO_F_EVENT_IDX, notify when the other side's
 * event index lies in [old, new) — Linux include/uapi/linux/virtio_ring.h
 * vring_need_event(), in 16-bit wrapping arithmetic.
 */
export function vringNeedEvent(eventIdx: number, newIdx: number, oldIdx: number): boolean {
  return ((newIdx - eventIdx - 1) & 0xffff) < ((newIdx - oldIdx) & 0xffff);
}

export function readDesc(mem: GuestMemory, q: SplitQueueLayout, i: number): VirtqDesc {
  const a = q.descGpa + virtqDescBytes * i;
  return { addr: mem.u64(a), len: mem.u32(a + 8), flags: mem.u16(a + 12), next: mem.u16(a + 14) };
}

export function writeDesc(mem: GuestMemory, q: SplitQueueLayout, i: number, d: VirtqDesc): void {
  const a = q.descGpa + virtqDescBytes * i;
  mem.setU64(a, d.addr);
  mem.setU32(a + 8, d.len);
  mem.setU16(a + 12, d.flags);
  mem.setU16(a + 14, d.next);
}

export const availFlagsGpa = (q: SplitQueueLayout): number => q.availGpa;
export const availIdxGpa = (q: SplitQueueLayout): number => q.availGpa + 2;
export const availRingGpa = (q: SplitQueueLayout, slot: number): number => q.availGpa + 4 + 2 * slot;
export const usedEventGpa = (q: SplitQueueLayout): number => q.availGpa + 4 + 2 * q.size;
export const usedFlagsGpa = (q: SplitQueueLayout): number => q.usedGpa;
export const usedIdxGpa = (q: SplitQueueLayout): number => q.usedGpa + 2;
export const usedRingGpa = (q: SplitQueueLayout, slot: number): number => q.usedGpa + 4 + 8 * slot;
export const availEventGpa = (q: SplitQueueLayout): number => q.usedGpa + 4 + 8 * q.size;
