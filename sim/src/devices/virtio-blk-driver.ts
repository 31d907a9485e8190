import { SysError } from "../core/errno";
import type { KvmVm } from "../vmx/kvm";
import { virtioBlkHeaderBytes, virtioBlkStatus, virtioNotifyGpa } from "./virtio-blk";
import {
  availEventGpa,
  availIdxGpa,
  availRingGpa,
  splitQueueEndGpa,
  splitQueueLayout,
  usedEventGpa,
  usedFlagsGpa,
  usedIdxGpa,
  usedRingGpa,
  virtqDescFlag,
  virtqUsedFNoNotify,
  vringNeedEvent,
  writeDesc,
  type SplitQueueLayout,
} from "./virtqueue";

/** Guest physical layout the driver uses: the ring pages, then request headers and status bytes. */
export const virtioQueueGpa = 0x100000;
/** QEMU's default virtio-blk queue-size. */
export const virtioQueueSize = 256;

export const virtioDriverRip = {
  notify: 0xffffffff8172b7c5n,
  hlt: 0xffffffff81e3c8f4n,
} as const;

export interface VirtioCompletion {
  readonly head: number;
  readonly len: number;
  readonly status: number;
}

/**
 * The guest half of virtio-blk, after Linux drivers/virtio/virtio_ring.c
 * (split ring) and drivers/block/virtio_blk.c: each request is a chain of
 * header (16 bytes, device-readable), data, and a 1-byte status
 * (device-writable), taken from a free list that starts 0 → 1 → 2 …; the
 * driver publishes the head in the available ring, bumps avail->idx and
 * kicks only if virtqueue_kick_prepare says so. A kick is a 16-bit write of
 * the queue index to the notify address: an MMIO exit.
 */
export class VirtioBlkGuestDriver {
  readonly #vm: KvmVm;
  readonly queue: SplitQueueLayout;
  readonly eventIdx: boolean;
  readonly headersGpa: number;
  readonly statusGpa: number;
  /** desc_extra[i].next of Linux: the free list threads through it. */
  readonly #freeNext: number[];
  readonly #chainLength = new Map<number, number>();
  #freeHead = 0;
  #availIdx = 0;
  #lastUsed = 0;
  #inFlight = 0;
  notifications = 0;
  suppressedNotifications = 0;
  readonly completions: VirtioCompletion[] = [];

  constructor(vm: KvmVm, eventIdx: boolean, size = virtioQueueSize) {
    this.#vm = vm;
    this.eventIdx = eventIdx;
    this.queue = splitQueueLayout(virtioQueueGpa, size);
    this.headersGpa = splitQueueEndGpa(this.queue);
    this.statusGpa = this.headersGpa + virtioBlkHeaderBytes * size;
    this.#freeNext = Array.from({ length: size }, (_, i) => i + 1);
  }

  /** First guest address after the driver's own structures. */
  get endGpa(): number {
    return this.statusGpa + Math.ceil(this.queue.size / 4096) * 4096;
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  /**
   * Queue one request (virtqueue_add_split) and kick if needed. `type` is a
   * virtioBlkType; for FLUSH pass dataLen 0. Returns the head descriptor.
   */
  submit(type: number, sector: number, dataGpa: number, dataLen: number, deviceWrites: boolean): number {
    const mem = this.#vm.memory;
    const n = dataLen > 0 ? 3 : 2;
    if (this.#inFlightDescs() + n > this.queue.size) throw new SysError("EAGAIN", "virtqueue full");
    const head = this.#freeHead;
    const hdr = this.headersGpa + virtioBlkHeaderBytes * head;
    mem.setU32(hdr, type);
    mem.setU32(hdr + 4, 0);
    mem.setU64(hdr + 8, sector);
    const status = this.statusGpa + head;
    mem.setU8(status, 0xff);
    const parts: { addr: number; len: number; flags: number }[] = [
      { addr: hdr, len: virtioBlkHeaderBytes, flags: 0 },
    ];
    if (dataLen > 0)
      parts.push({ addr: dataGpa, len: dataLen, flags: deviceWrites ? virtqDescFlag.WRITE : 0 });
    parts.push({ addr: status, len: 1, flags: virtqDescFlag.WRITE });
    let i = head;
    parts.forEach((p, k) => {
      const next = this.#freeNext[i]!;
      // The last descriptor drops NEXT but keeps the free-list link in `next`, as virtqueue_add_desc_split writes it.
      writeDesc(mem, this.queue, i, {
        ...p,
        flags: p.flags | (k < parts.length - 1 ? virtqDescFlag.NEXT : 0),
        next,
      });
      if (k < parts.length - 1) i = next;
    });
    this.#freeHead = this.#freeNext[i]!;
    this.#chainLength.set(head, n);
    mem.setU16(availRingGpa(this.queue, this.#availIdx % this.queue.size), head);
    const old = this.#availIdx;
    this.#availIdx = (this.#availIdx + 1) & 0xffff;
    mem.setU16(availIdxGpa(this.queue), this.#availIdx);
    this.#inFlight++;
    // virtqueue_kick_prepare_split.
    const kick = this.eventIdx
      ? vringNeedEvent(mem.u16(availEventGpa(this.queue)), this.#availIdx, old)
      : (mem.u16(usedFlagsGpa(this.queue)) & virtqUsedFNoNotify) === 0;
    if (kick) {
      this.notifications++;
      this.#vm.vcpu.mmioWrite(virtioNotifyGpa, 2, 0, virtioDriverRip.notify);
    } else {
      this.suppressedNotifications++;
    }
    return head;
  }

  #inFlightDescs(): number {
    let n = 0;
    for (const len of this.#chainLength.values()) n += len;
    return n;
  }

  /** vring_interrupt → virtblk_done: reap used elements, free their chains, re-arm used_event. */
  #reap(): void {
    const mem = this.#vm.memory;
    for (;;) {
      while (this.#lastUsed !== mem.u16(usedIdxGpa(this.queue))) {
        const slot = this.#lastUsed % this.queue.size;
        const head = mem.u32(usedRingGpa(this.queue, slot));
        const len = mem.u32(usedRingGpa(this.queue, slot) + 4);
        this.#lastUsed = (this.#lastUsed + 1) & 0xffff;
        this.completions.push({ head, len, status: mem.u8(this.statusGpa + head) });
        // detach_buf_split: the chain goes back at the head of the free list.
        const n = this.#chainLength.get(head) ?? 1;
        this.#chainLength.delete(head);
        let last = head;
        for (let k = 1; k < n; k++) last = this.#freeNext[last]!;
        this.#freeNext[last] = this.#freeHead;
        this.#freeHead = head;
        this.#inFlight--;
      }
      // virtqueue_enable_cb_prepare_split: used_event = last_used_idx, then look again (race with the device).
      if (this.eventIdx) mem.setU16(usedEventGpa(this.queue), this.#lastUsed);
      if (this.#lastUsed === mem.u16(usedIdxGpa(this.queue))) return;
    }
  }

  /** Sleep (HLT) until every submitted request has completed; returns their completions in order. */
  waitAll(): VirtioCompletion[] {
    const start = this.completions.length;
    this.#reap();
    while (this.#inFlight > 0) {
      this.#vm.vcpu.hlt(virtioDriverRip.hlt);
      this.#reap();
    }
    return this.completions.slice(start);
  }

  /** One synchronous request: submit, wait, EIO unless the device said OK. */
  request(type: number, sector: number, dataGpa: number, dataLen: number, deviceWrites: boolean): void {
    this.submit(type, sector, dataGpa, dataLen, deviceWrites);
    for (const c of this.waitAll()) {
      if (c.status !== virtioBlkStatus.OK) throw new SysError("EIO", `virtio-blk status ${c.status}`);
    }
  }
}
