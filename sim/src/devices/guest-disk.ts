import type { VirtualClock } from "../core/clock";
import { SysError } from "../core/errno";
import type { ExitCosts } from "../vmx/costs";
import { KvmVm } from "../vmx/kvm";
import type { TraceBuffer } from "../vmx/trace";
import type { DiskImage } from "../images/disk-image";
import { sectorBytes } from "../images/disk-image";
import { IdeDisk } from "./ide";
import { ideMaxSectorsPerCommand, IdeGuestDriver, type PioMode } from "./ide-driver";
import { VirtioBlkDevice, virtioBlkType } from "./virtio-blk";
import { VirtioBlkGuestDriver } from "./virtio-blk-driver";

/** Guest physical address of the I/O buffer a guest program (dd) reads into and writes from. */
export const guestBufferGpa = 0x400000;

export type Controller = "ide" | "virtio";

/**
 * A disk as the guest kernel sees it: sda on the IDE channel (sd, major 8)
 * or vda on virtio-blk (a dynamically allocated block major; 253 is typical).
 */
export interface GuestDisk {
  readonly name: "sda" | "vda";
  readonly majMin: string;
  readonly sizeBytes: number;
  readonly vm: KvmVm;
  readonly bufferGpa: number;
  readonly bufferBytes: number;
  /** Sectors [lba, lba+count) into the buffer. */
  readSectors(lba: number, count: number): void;
  /** The buffer's first count × 512 bytes to sectors [lba, lba+count). */
  writeSectors(lba: number, count: number): void;
  /** The device's cache flush (ATA FLUSH CACHE / VIRTIO_BLK_T_FLUSH), as sync/fsync issue it. */
  flush(): void;
}

export interface IoMachineOptions {
  readonly clock: VirtualClock;
  readonly controller: Controller;
  readonly image: DiskImage;
  /** IDE only: per-word PIO or rep string I/O. */
  readonly pioMode?: PioMode;
  /** virtio only: VIRTIO_F_EVENT_IDX negotiated (default true, as Linux and QEMU do). */
  readonly eventIdx?: boolean;
  /** virtio only: ioeventfd (default true under KVM). */
  readonly ioeventfd?: boolean;
  readonly memoryBytes?: number;
  readonly costs?: ExitCosts;
  /** pid of the QEMU process on the host (trace lines name its threads). */
  readonly qemuPid?: number;
  /** The host's shared ftrace buffer. */
  readonly trace?: TraceBuffer;
}

export interface IoMachine {
  readonly vm: KvmVm;
  readonly disk: GuestDisk;
  readonly ide?: { readonly device: IdeDisk; readonly driver: IdeGuestDriver };
  readonly virtio?: { readonly device: VirtioBlkDevice; readonly driver: VirtioBlkGuestDriver };
}

/** A guest with one disk on the chosen controller, backed by `image` (the `-drive` of qemu-system-x86_64). */
export function createIoMachine(options: IoMachineOptions): IoMachine {
  const vm = new KvmVm({
    clock: options.clock,
    memoryBytes: options.memoryBytes ?? 32 * 1024 * 1024,
    ...(options.costs !== undefined ? { costs: options.costs } : {}),
    ...(options.qemuPid !== undefined ? { qemuPid: options.qemuPid } : {}),
    ...(options.trace !== undefined ? { trace: options.trace } : {}),
  });
  const sizeBytes = Math.floor(options.image.virtualSize / sectorBytes) * sectorBytes;
  const bufferBytes = vm.memory.size - guestBufferGpa;
  if (bufferBytes <= 0) throw new SysError("EINVAL", "guest RAM too small");
  if (options.controller === "ide") {
    const device = new IdeDisk(vm, options.image);
    const driver = new IdeGuestDriver(vm, options.pioMode ?? "rep");
    const disk: GuestDisk = {
      name: "sda",
      majMin: "8:0",
      sizeBytes,
      vm,
      bufferGpa: guestBufferGpa,
      bufferBytes,
      readSectors: (lba, count) => {
        for (let done = 0; done < count; done += ideMaxSectorsPerCommand) {
          const n = Math.min(ideMaxSectorsPerCommand, count - done);
          driver.readSectors(lba + done, n, guestBufferGpa + done * sectorBytes);
        }
      },
      writeSectors: (lba, count) => {
        for (let done = 0; done < count; done += ideMaxSectorsPerCommand) {
          const n = Math.min(ideMaxSectorsPerCommand, count - done);
          driver.writeSectors(lba + done, n, guestBufferGpa + done * sectorBytes);
        }
      },
      flush: () => driver.flush(),
    };
    return { vm, disk, ide: { device, driver } };
  }
  const driver = new VirtioBlkGuestDriver(vm, options.eventIdx ?? true);
  if (driver.endGpa > guestBufferGpa) throw new SysError("EINVAL", "virtqueue overlaps the I/O buffer");
  const device = new VirtioBlkDevice(vm, options.image, driver.queue, {
    eventIdx: options.eventIdx ?? true,
    ioeventfd: options.ioeventfd ?? true,
  });
  const disk: GuestDisk = {
    name: "vda",
    majMin: "253:0",
    sizeBytes,
    vm,
    bufferGpa: guestBufferGpa,
    bufferBytes,
    readSectors: (lba, count) =>
      driver.request(virtioBlkType.IN, lba, guestBufferGpa, count * sectorBytes, true),
    writeSectors: (lba, count) =>
      driver.request(virtioBlkType.OUT, lba, guestBufferGpa, count * sectorBytes, false),
    flush: () => driver.request(virtioBlkType.FLUSH, 0, 0, 0, false),
  };
  return { vm, disk, virtio: { device, driver } };
}

/** lsblk's row for the disk (NAME MAJ:MIN RM SIZE RO TYPE MOUNTPOINTS). */
export interface LsblkRow {
  readonly name: string;
  readonly majMin: string;
  readonly removable: boolean;
  readonly sizeBytes: number;
  readonly readOnly: boolean;
  readonly type: "disk";
}

export function lsblkRow(disk: GuestDisk): LsblkRow {
  return {
    name: disk.name,
    majMin: disk.majMin,
    removable: false,
    sizeBytes: disk.sizeBytes,
    readOnly: false,
    type: "disk",
  };
}

export interface DdOptions {
  /** Block size in bytes (bs=); a multiple of 512 for the device side (O_DIRECT). */
  readonly bs: number;
  readonly count: number;
  /** Output blocks to skip (seek=), for writes. */
  readonly seek?: number;
  /** Input blocks to skip (skip=), for reads. */
  readonly skip?: number;
  /**
   * Where the bytes come from and go: if=/dev/zero of=DISK, if=FILE-DATA of=DISK
   * (the bytes repeat per block when shorter), or if=DISK of=/dev/null.
   */
  readonly direction:
    | { readonly from: "zero" }
    | { readonly from: "data"; readonly data: Uint8Array }
    | { readonly from: "disk" };
}

export interface DdResult {
  readonly records: number;
  readonly bytes: number;
  readonly durationUs: number;
  /** Bytes read from the disk (reads only, when asked with keep). */
  readonly data?: Uint8Array;
}

/**
 * The guest's `dd … oflag=direct` / `iflag=direct`: one device request per
 * block (split into 256-sector commands on IDE), timed on the VM's clock.
 * Buffered dd is not modelled separately: the guest page cache would only
 * move the same requests later.
 */
export function guestDd(disk: GuestDisk, options: DdOptions, keep = false): DdResult {
  const { bs, count } = options;
  if (!Number.isSafeInteger(bs) || bs <= 0 || bs % sectorBytes !== 0)
    throw new SysError("EINVAL", "bs must be a multiple of 512 with O_DIRECT");
  if (bs > disk.bufferBytes) throw new SysError("ENOMEM", "bs larger than the guest buffer");
  const mem = disk.vm.memory;
  const clock = disk.vm.clock;
  const start = clock.nowUs;
  const sectorsPerBlock = bs / sectorBytes;
  const reading = options.direction.from === "disk";
  const firstBlock = reading ? (options.skip ?? 0) : (options.seek ?? 0);
  const kept = keep && reading ? new Uint8Array(bs * count) : undefined;
  let records = 0;
  for (let b = 0; b < count; b++) {
    const lba = (firstBlock + b) * sectorsPerBlock;
    if ((lba + sectorsPerBlock) * sectorBytes > disk.sizeBytes) {
      if (reading) break; // end of device: dd stops with a short count
      throw new SysError("ENOSPC", "No space left on device");
    }
    const dir = options.direction;
    if (dir.from === "zero") {
      mem.fillZero(disk.bufferGpa, bs);
    } else if (dir.from === "data") {
      const block = new Uint8Array(bs);
      for (let p = 0; p < bs && dir.data.length > 0; p += dir.data.length)
        block.set(dir.data.subarray(0, Math.min(dir.data.length, bs - p)), p);
      mem.write(disk.bufferGpa, block);
    }
    if (reading) {
      disk.readSectors(lba, sectorsPerBlock);
      kept?.set(mem.view(disk.bufferGpa, bs), b * bs);
    } else {
      disk.writeSectors(lba, sectorsPerBlock);
    }
    records++;
  }
  const result = { records, bytes: records * bs, durationUs: clock.nowUs - start };
  return kept !== undefined ? { ...result, data: kept.subarray(0, records * bs) } : result;
}

/** Bytes [offset, offset+length) of the disk as the guest reads them (for hexdump /dev/sda). */
export function guestReadBytes(disk: GuestDisk, offset: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  const first = Math.floor(offset / sectorBytes);
  const last = Math.ceil((offset + length) / sectorBytes);
  const maxSectors = Math.floor(disk.bufferBytes / sectorBytes);
  for (let lba = first; lba < last; lba += maxSectors) {
    const n = Math.min(maxSectors, last - lba);
    disk.readSectors(lba, n);
    const chunk = disk.vm.memory.view(disk.bufferGpa, n * sectorBytes);
    const from = Math.max(offset, lba * sectorBytes);
    const to = Math.min(offset + length, (lba + n) * sectorBytes);
    out.set(chunk.subarray(from - lba * sectorBytes, to - lba * sectorBytes), from - offset);
  }
  return out;
}

/** Writes `data` at byte `offset` (read-modify-write of partial sectors, as the block layer would). */
export function guestWriteBytes(disk: GuestDisk, offset: number, data: Uint8Array): void {
  const first = Math.floor(offset / sectorBytes);
  const last = Math.ceil((offset + data.length) / sectorBytes);
  const maxSectors = Math.floor(disk.bufferBytes / sectorBytes);
  const mem = disk.vm.memory;
  for (let lba = first; lba < last; lba += maxSectors) {
    const n = Math.min(maxSectors, last - lba);
    const from = Math.max(offset, lba * sectorBytes);
    const to = Math.min(offset + data.length, (lba + n) * sectorBytes);
    if (from !== lba * sectorBytes || to !== (lba + n) * sectorBytes) disk.readSectors(lba, n);
    mem.write(disk.bufferGpa + (from - lba * sectorBytes), data.subarray(from - offset, to - offset));
    disk.writeSectors(lba, n);
  }
}
