import { SysError } from "../core/errno";
import { hostIoUs } from "../vmx/costs";
import type { IoSize, KvmVm, MmioHandler } from "../vmx/kvm";
import type { DiskImage } from "../images/disk-image";
import { sectorBytes } from "../images/disk-image";
import {
  availEventGpa,
  availFlagsGpa,
  availIdxGpa,
  availRingGpa,
  readDesc,
  usedEventGpa,
  usedFlagsGpa,
  usedIdxGpa,
  usedRingGpa,
  virtqAvailFNoInterrupt,
  virtqDescFlag,
  virtqUsedFNoNotify,
  vringNeedEvent,
  type SplitQueueLayout,
  type VirtqDesc,
} from "./virtqueue";

/** virtio 1.2 §5.2.6 request types and status values. */
export const virtioBlkType = { IN: 0, OUT: 1, FLUSH: 4, GET_ID: 8 } as const;
export const virtioBlkStatus = { OK: 0, IOERR: 1, UNSUPP: 2 } as const;
/** §5.2.6: le32 type, le32 reserved, le64 sector. */
export const virtioBlkHeaderBytes = 16;

/**
 * Where QEMU puts the modern virtio-pci notify area: BAR 4 (SeaBIOS gives the
 * first virtio device 0xfe000000 on the i440fx machine), notify capability
 * at offset 0x3000 (hw/virtio/virtio-pci.c virtio_pci_modern_regions_init),
 * notify_off_multiplier 4, so queue 0 is notified by a 16-bit write of its
 * index at 0xfe003000 (§4.1.4.4).
 */
export const virtioNotifyGpa = 0xfe003000;
/** The MSI-X vector the guest gave the request queue (Linux picks one; this is a typical value). */
export const virtioBlkMsiVector = 0x22;

export interface VirtioBlkOptions {
  /** VIRTIO_F_EVENT_IDX (bit 29) negotiated. */
  readonly eventIdx: boolean;
  /** QEMU's ioeventfd=on (the default for virtio-pci under KVM). */
  readonly ioeventfd: boolean;
}

interface ParsedRequest {
  readonly head: number;
  readonly type: number;
  readonly sector: number;
  readonly data: readonly VirtqDesc[];
  readonly statusGpa: number;
  /** Bytes of device-writable buffers: what goes into the used element's len. */
  readonly inLen: number;
}

/**
 * The device side of virtio-blk as QEMU's hw/block/virtio-blk.c runs it: on
 * a notification it pops every available chain (virtio_blk_handle_vq),
 * submits the host I/O, and on each completion writes the status byte,
 * pushes a used element and interrupts unless suppressed
 * (hw/virtio/virtio.c virtio_should_notify).
 */
export class VirtioBlkDevice implements MmioHandler {
  readonly #vm: KvmVm;
  readonly image: DiskImage;
  readonly queue: SplitQueueLayout;
  readonly options: VirtioBlkOptions;
  #lastAvail = 0;
  #usedIdx = 0;
  #signalledUsed = 0;
  #signalledValid = false;
  #hostBusyUntilUs = 0;
  interrupts = 0;
  suppressedInterrupts = 0;

  constructor(vm: KvmVm, image: DiskImage, queue: SplitQueueLayout, options: VirtioBlkOptions) {
    this.#vm = vm;
    this.image = image;
    this.queue = queue;
    this.options = options;
    vm.registerMmio(virtioNotifyGpa, 4, this);
    if (options.ioeventfd) vm.registerIoeventfd(virtioNotifyGpa, () => this.handleQueue());
  }

  mmioRead(): number {
    return 0;
  }

  /** Without ioeventfd, QEMU runs the queue in the vCPU thread during the MMIO exit. */
  mmioWrite(gpa: number, _size: IoSize, value: number): void {
    if (gpa === virtioNotifyGpa && value === 0) this.handleQueue();
  }

  /**
   * virtio_queue_set_notification(vq, 0/1): with EVENT_IDX, re-enabling
   * publishes avail_event = the avail idx seen; without it, the used ring's
   * NO_NOTIFY flag is cleared/set.
   */
  #setNotification(enable: boolean): void {
    const mem = this.#vm.memory;
    if (this.options.eventIdx) {
      if (enable) mem.setU16(availEventGpa(this.queue), mem.u16(availIdxGpa(this.queue)));
    } else {
      mem.setU16(usedFlagsGpa(this.queue), enable ? 0 : virtqUsedFNoNotify);
    }
  }

  handleQueue(): void {
    const mem = this.#vm.memory;
    do {
      this.#setNotification(false);
      while (this.#lastAvail !== mem.u16(availIdxGpa(this.queue))) {
        const head = mem.u16(availRingGpa(this.queue, this.#lastAvail % this.queue.size));
        this.#lastAvail = (this.#lastAvail + 1) & 0xffff;
        this.#vm.spend(this.#vm.costs.virtioRequestNs);
        this.#submit(this.#parse(head));
      }
      this.#setNotification(true);
    } while (this.#lastAvail !== mem.u16(availIdxGpa(this.queue)));
  }

  /** §2.7.4.2 / §5.2.6: device-readable descriptors first (header, data out), then device-writable (data in, status). */
  #parse(head: number): ParsedRequest {
    const mem = this.#vm.memory;
    const chain: VirtqDesc[] = [];
    let i = head;
    for (;;) {
      const d = readDesc(mem, this.queue, i);
      chain.push(d);
      if ((d.flags & virtqDescFlag.NEXT) === 0) break;
      i = d.next;
      if (chain.length > this.queue.size) throw new SysError("EIO", "descriptor loop");
    }
    const header = chain[0]!;
    const status = chain[chain.length - 1]!;
    if (chain.length < 2 || header.len < virtioBlkHeaderBytes || (status.flags & virtqDescFlag.WRITE) === 0) {
      throw new SysError("EIO", "malformed virtio-blk request");
    }
    const data = chain.slice(1, -1);
    const inLen = chain.filter((d) => (d.flags & virtqDescFlag.WRITE) !== 0).reduce((n, d) => n + d.len, 0);
    return {
      head,
      type: mem.u32(header.addr),
      sector: mem.u64(header.addr + 8),
      data,
      statusGpa: status.addr + status.len - 1,
      inLen,
    };
  }

  #submit(req: ParsedRequest): void {
    const vm = this.#vm;
    const bytes = req.data.reduce((n, d) => n + d.len, 0);
    const startUs = Math.max(vm.clock.nowUs, this.#hostBusyUntilUs);
    const doneUs = startUs + hostIoUs(vm.costs, bytes);
    this.#hostBusyUntilUs = doneUs;
    vm.lane({
      lane: "file",
      kind: req.type === virtioBlkType.IN ? "read" : "write",
      atUs: vm.clock.nowUs,
      bytes,
    });
    vm.clock.at(doneUs, () => this.#complete(req));
  }

  #perform(req: ParsedRequest): number {
    const mem = this.#vm.memory;
    const bytes = req.data.reduce((n, d) => n + d.len, 0);
    const offset = req.sector * sectorBytes;
    switch (req.type) {
      case virtioBlkType.IN:
      case virtioBlkType.OUT: {
        // virtio_blk_sect_range_ok: within capacity and a whole number of sectors.
        if (bytes % sectorBytes !== 0 || offset + bytes > this.image.virtualSize)
          return virtioBlkStatus.IOERR;
        let pos = offset;
        for (const d of req.data) {
          const deviceWritable = (d.flags & virtqDescFlag.WRITE) !== 0;
          if (req.type === virtioBlkType.IN) {
            if (!deviceWritable) return virtioBlkStatus.IOERR;
            mem.write(d.addr, this.image.read(pos, d.len));
          } else {
            if (deviceWritable) return virtioBlkStatus.IOERR;
            if (mem.isZero(d.addr, d.len)) this.image.writeZeroes(pos, d.len);
            else this.image.write(pos, mem.view(d.addr, d.len));
          }
          pos += d.len;
        }
        return virtioBlkStatus.OK;
      }
      case virtioBlkType.FLUSH:
        this.image.flush();
        return virtioBlkStatus.OK;
      default:
        return virtioBlkStatus.UNSUPP;
    }
  }

  #complete(req: ParsedRequest): void {
    const vm = this.#vm;
    const mem = vm.memory;
    let status: number;
    try {
      status = this.#perform(req);
    } catch {
      status = virtioBlkStatus.IOERR;
    }
    mem.setU8(req.statusGpa, status);
    const slot = this.#usedIdx % this.queue.size;
    mem.setU32(usedRingGpa(this.queue, slot), req.head);
    mem.setU32(usedRingGpa(this.queue, slot) + 4, req.inLen);
    this.#usedIdx = (this.#usedIdx + 1) & 0xffff;
    mem.setU16(usedIdxGpa(this.queue), this.#usedIdx);
    vm.lane({ lane: "device", kind: "used", atUs: vm.clock.nowUs });
    if (this.#shouldNotify()) {
      this.interrupts++;
      vm.signalMsi(virtioBlkMsiVector);
    } else {
      this.suppressedInterrupts++;
    }
  }

  /** hw/virtio/virtio.c virtio_should_notify() for split rings. */
  #shouldNotify(): boolean {
    const mem = this.#vm.memory;
    if (!this.options.eventIdx) return (mem.u16(availFlagsGpa(this.queue)) & virtqAvailFNoInterrupt) === 0;
    const old = this.#signalledUsed;
    const valid = this.#signalledValid;
    this.#signalledValid = true;
    this.#signalledUsed = this.#usedIdx;
    return !valid || vringNeedEvent(mem.u16(usedEventGpa(this.queue)), this.#usedIdx, old);
  }
}
