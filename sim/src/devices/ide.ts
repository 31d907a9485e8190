import { hostIoUs } from "../vmx/costs";
import type { IoSize, KvmVm, PortIoHandler } from "../vmx/kvm";
import type { DiskImage } from "../images/disk-image";
import { sectorBytes } from "../images/disk-image";

/** Primary channel command block 0x1F0–0x1F7 and control block 0x3F6 (ATA/ATAPI-8 ACS, legacy ISA ports). */
export const idePort = {
  data: 0x1f0,
  errorFeatures: 0x1f1,
  sectorCount: 0x1f2,
  lbaLow: 0x1f3,
  lbaMid: 0x1f4,
  lbaHigh: 0x1f5,
  device: 0x1f6,
  statusCommand: 0x1f7,
  altStatusControl: 0x3f6,
} as const;

/** The primary IDE channel's ISA interrupt. */
export const ideIrq = 14;

/** Status register bits (ACS-3 §6.2 "Status field"; QEMU include/hw/ide/internal.h). */
export const ideStatus = { ERR: 0x01, DRQ: 0x08, DSC: 0x10, DF: 0x20, DRDY: 0x40, BSY: 0x80 } as const;
/** Error register: ABRT, command aborted. */
export const ideErrorAbrt = 0x04;
/** Device register: bit 6 selects LBA addressing; bits 7 and 5 are obsolete and set to 1 by drivers. */
export const ideDeviceLba = 0x40;
/** Device control: nIEN (bit 1) masks INTRQ; SRST (bit 2) resets. */
export const ideControlNien = 0x02;
export const ideControlSrst = 0x04;

export const ataCommand = {
  READ_SECTORS: 0x20,
  WRITE_SECTORS: 0x30,
  FLUSH_CACHE: 0xe7,
} as const;

/**
 * The IDE disk as QEMU's hw/ide/core.c emulates it, PIO protocol only:
 * READ SECTORS raises INTRQ once per sector when its 512 bytes are ready in
 * the buffer (ide_sector_read_cb → ide_transfer_start + ide_set_irq); WRITE
 * SECTORS sets DRQ at once for the first sector without an interrupt, and
 * interrupts after each sector reaches the image (ide_sector_write_cb).
 * Reading the status register lowers INTRQ; the alternate status does not.
 * Host reads and writes are asynchronous (BSY meanwhile), as blk_aio_*.
 */
export class IdeDisk implements PortIoHandler {
  readonly #vm: KvmVm;
  readonly image: DiskImage;
  #features = 0;
  #nsector = 0;
  #lbaLow = 0;
  #lbaMid = 0;
  #lbaHigh = 0;
  #device = 0xa0;
  #status: number = ideStatus.DRDY | ideStatus.DSC;
  #error = 0;
  #control = 0;
  readonly #buffer = new Uint8Array(sectorBytes);
  #dataPos = 0;
  #dataEnd = 0;
  #transfer: "none" | "read" | "write" = "none";
  #irqLevel: 0 | 1 = 0;

  constructor(vm: KvmVm, image: DiskImage) {
    this.#vm = vm;
    this.image = image;
    vm.registerPio(idePort.data, idePort.statusCommand, this);
    vm.registerPio(idePort.altStatusControl, idePort.altStatusControl, this);
  }

  get sectors(): number {
    return Math.floor(this.image.virtualSize / sectorBytes);
  }

  get status(): number {
    return this.#status;
  }

  /** Last feature byte written (no command here uses it; kept as the register file holds it). */
  get features(): number {
    return this.#features;
  }

  #lba(): number {
    return (this.#device & 0x0f) * 0x100_0000 + (this.#lbaHigh << 16) + (this.#lbaMid << 8) + this.#lbaLow;
  }

  #setLba(lba: number): void {
    this.#lbaLow = lba & 0xff;
    this.#lbaMid = (lba >>> 8) & 0xff;
    this.#lbaHigh = (lba >>> 16) & 0xff;
    this.#device = (this.#device & 0xf0) | (Math.floor(lba / 0x100_0000) & 0x0f);
  }

  #setIrq(level: 0 | 1): void {
    if (level === 1 && (this.#control & ideControlNien) !== 0) return;
    if (level === this.#irqLevel) return;
    this.#irqLevel = level;
    this.#vm.setIrqLine(ideIrq, level);
  }

  #abort(): void {
    this.#status = ideStatus.DRDY | ideStatus.ERR;
    this.#error = ideErrorAbrt;
    this.#transfer = "none";
    this.#setIrq(1);
  }

  pioRead(port: number, size: IoSize): number {
    switch (port) {
      case idePort.data:
        return this.#readData(size);
      case idePort.errorFeatures:
        return this.#error;
      case idePort.sectorCount:
        return this.#nsector;
      case idePort.lbaLow:
        return this.#lbaLow;
      case idePort.lbaMid:
        return this.#lbaMid;
      case idePort.lbaHigh:
        return this.#lbaHigh;
      case idePort.device:
        return this.#device;
      case idePort.statusCommand:
        // ide_ioport_read, case 7: reading Status acknowledges the interrupt.
        this.#setIrq(0);
        return this.#status;
      case idePort.altStatusControl:
        return this.#status;
      default:
        return 0xff;
    }
  }

  pioWrite(port: number, size: IoSize, value: number): void {
    switch (port) {
      case idePort.data:
        this.#writeData(size, value);
        return;
      case idePort.errorFeatures:
        this.#features = value & 0xff;
        return;
      case idePort.sectorCount:
        this.#nsector = value & 0xff;
        return;
      case idePort.lbaLow:
        this.#lbaLow = value & 0xff;
        return;
      case idePort.lbaMid:
        this.#lbaMid = value & 0xff;
        return;
      case idePort.lbaHigh:
        this.#lbaHigh = value & 0xff;
        return;
      case idePort.device:
        this.#device = value & 0xff;
        return;
      case idePort.statusCommand:
        this.#command(value & 0xff);
        return;
      case idePort.altStatusControl:
        if ((value & ideControlSrst) !== 0) {
          this.#status = ideStatus.DRDY | ideStatus.DSC;
          this.#error = 0;
          this.#transfer = "none";
        }
        this.#control = value & 0xff;
        if ((value & ideControlNien) !== 0) this.#setIrq(0);
        return;
    }
  }

  /** Sector count 0 means 256 sectors in the 28-bit commands (ACS-3 READ SECTORS "Count"). */
  #remaining(): number {
    return this.#nsector === 0 ? 256 : this.#nsector;
  }

  #command(cmd: number): void {
    // QEMU ide_exec_cmd: a command while busy is ignored; the device register's LBA bit is required here (no CHS).
    if ((this.#status & ideStatus.BSY) !== 0) return;
    this.#error = 0;
    const lbaMode = (this.#device & ideDeviceLba) !== 0;
    switch (cmd) {
      case ataCommand.READ_SECTORS:
      case ataCommand.WRITE_SECTORS: {
        const lba = this.#lba();
        if (!lbaMode || lba + this.#remaining() > this.sectors) {
          this.#abort();
          return;
        }
        this.#vm.lane({
          lane: "device",
          kind: cmd === ataCommand.READ_SECTORS ? "READ SECTORS" : "WRITE SECTORS",
          atUs: this.#vm.clock.nowUs,
        });
        if (cmd === ataCommand.READ_SECTORS) {
          this.#startSectorRead();
        } else {
          this.#status = ideStatus.DRDY | ideStatus.DSC | ideStatus.DRQ;
          this.#transfer = "write";
          this.#dataPos = 0;
          this.#dataEnd = sectorBytes;
        }
        return;
      }
      case ataCommand.FLUSH_CACHE: {
        this.#status = ideStatus.DRDY | ideStatus.DSC | ideStatus.BSY;
        this.#vm.clock.after(hostIoUs(this.#vm.costs, 0), () => {
          this.image.flush();
          this.#status = ideStatus.DRDY | ideStatus.DSC;
          this.#setIrq(1);
        });
        return;
      }
      default:
        this.#abort();
    }
  }

  /** ide_sector_read: BSY while the host read is in flight, then DRQ + INTRQ with the sector in the buffer. */
  #startSectorRead(): void {
    this.#status = ideStatus.DRDY | ideStatus.DSC | ideStatus.BSY;
    const lba = this.#lba();
    const vm = this.#vm;
    vm.lane({ lane: "file", kind: "read", atUs: vm.clock.nowUs, bytes: sectorBytes });
    vm.clock.after(hostIoUs(vm.costs, sectorBytes), () => {
      this.#buffer.set(this.image.read(lba * sectorBytes, sectorBytes));
      this.#nsector = (this.#remaining() - 1) & 0xff;
      this.#setLba(lba + 1);
      this.#transfer = "read";
      this.#dataPos = 0;
      this.#dataEnd = sectorBytes;
      this.#status = ideStatus.DRDY | ideStatus.DSC | ideStatus.DRQ;
      this.#setIrq(1);
    });
  }

  #readData(size: IoSize): number {
    // ide_data_readw: nothing to transfer without DRQ.
    if (this.#transfer !== "read" || (this.#status & ideStatus.DRQ) === 0) return 0;
    let value = 0;
    for (let i = 0; i < size && this.#dataPos < this.#dataEnd; i++)
      value |= this.#buffer[this.#dataPos++]! << (8 * i);
    if (this.#dataPos >= this.#dataEnd) {
      this.#status &= ~ideStatus.DRQ;
      this.#transfer = "none";
      // end_transfer_func = ide_sector_read: next sector, or ide_transfer_stop when the count is exhausted.
      if (this.#nsector !== 0) this.#startSectorRead();
    }
    return value >>> 0;
  }

  #writeData(size: IoSize, value: number): void {
    if (this.#transfer !== "write" || (this.#status & ideStatus.DRQ) === 0) return;
    for (let i = 0; i < size && this.#dataPos < this.#dataEnd; i++)
      this.#buffer[this.#dataPos++] = (value >>> (8 * i)) & 0xff;
    if (this.#dataPos < this.#dataEnd) return;
    // ide_sector_write: BSY, blk_aio_pwritev; the callback advances the registers and interrupts.
    this.#transfer = "none";
    this.#status = ideStatus.DRDY | ideStatus.DSC | ideStatus.BSY;
    const lba = this.#lba();
    const data = this.#buffer.slice();
    const vm = this.#vm;
    vm.lane({ lane: "file", kind: "write", atUs: vm.clock.nowUs, bytes: sectorBytes });
    vm.clock.after(hostIoUs(vm.costs, sectorBytes), () => {
      if (data.every((b) => b === 0)) this.image.writeZeroes(lba * sectorBytes, sectorBytes);
      else this.image.write(lba * sectorBytes, data);
      this.#nsector = (this.#remaining() - 1) & 0xff;
      this.#setLba(lba + 1);
      if (this.#nsector === 0) {
        this.#status = ideStatus.DRDY | ideStatus.DSC;
      } else {
        this.#status = ideStatus.DRDY | ideStatus.DSC | ideStatus.DRQ;
        this.#transfer = "write";
        this.#dataPos = 0;
        this.#dataEnd = sectorBytes;
      }
      this.#setIrq(1);
    });
  }
}
