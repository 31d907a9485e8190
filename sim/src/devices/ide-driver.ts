import { SysError } from "../core/errno";
import type { KvmVm } from "../vmx/kvm";
import { sectorBytes } from "../images/disk-image";
import { ataCommand, ideDeviceLba, idePort, ideStatus } from "./ide";

/** How the guest moves a sector's 256 words: one `inw`/`outw` per word, or one `rep insw`/`rep outsw`. */
export type PioMode = "word" | "rep";

/** Guest kernel addresses of the driver's trapping instructions, as kvm_exit's rip shows them. */
export const ideDriverRip = {
  taskfile: 0xffffffffc0a01040n,
  command: 0xffffffffc0a01080n,
  status: 0xffffffffc0a010c0n,
  data: 0xffffffffc0a01100n,
  hlt: 0xffffffff81e3c8f4n,
} as const;

/** Most sectors one 28-bit command moves (a count of 0 means 256). */
export const ideMaxSectorsPerCommand = 256;

/**
 * A minimal ATA PIO driver in the guest, following the protocol the way
 * Linux libata does it (drivers/ata/libata-sff.c): ata_sff_tf_load writes
 * Features, Count, LBA low/mid/high, then Device; ata_sff_exec_command
 * writes Command. PIO data-in waits for INTRQ per sector, reads Status
 * (acknowledging it) and moves 256 words; PIO data-out polls Status for DRQ,
 * moves the words, then waits for INTRQ. Waiting is HLT, so each wait is one
 * HLT exit handled inside KVM.
 */
export class IdeGuestDriver {
  readonly #vm: KvmVm;
  mode: PioMode;

  constructor(vm: KvmVm, mode: PioMode) {
    this.#vm = vm;
    this.mode = mode;
  }

  #taskfile(lba: number, count: number, command: number): void {
    const cpu = this.#vm.vcpu;
    const rip = ideDriverRip.taskfile;
    cpu.outb(idePort.errorFeatures, 0, rip);
    cpu.outb(idePort.sectorCount, count & 0xff, rip);
    cpu.outb(idePort.lbaLow, lba & 0xff, rip);
    cpu.outb(idePort.lbaMid, (lba >>> 8) & 0xff, rip);
    cpu.outb(idePort.lbaHigh, (lba >>> 16) & 0xff, rip);
    cpu.outb(idePort.device, 0xa0 | ideDeviceLba | (Math.floor(lba / 0x100_0000) & 0x0f), rip);
    cpu.outb(idePort.statusCommand, command, ideDriverRip.command);
  }

  #checkStatus(status: number): void {
    if ((status & (ideStatus.ERR | ideStatus.DF)) !== 0)
      throw new SysError("EIO", `ATA status 0x${status.toString(16)}`);
  }

  /** HLT until INTRQ, then read Status (which acknowledges it). */
  #waitIrq(): number {
    const cpu = this.#vm.vcpu;
    cpu.hlt(ideDriverRip.hlt);
    const status = cpu.inb(idePort.statusCommand, ideDriverRip.status);
    this.#checkStatus(status);
    return status;
  }

  #check(lba: number, count: number): void {
    if (count < 1 || count > ideMaxSectorsPerCommand || lba < 0 || lba + count > 2 ** 28) {
      throw new SysError("EINVAL", "ATA LBA28 range");
    }
  }

  /** READ SECTORS (0x20): `count` sectors from `lba` into guest memory at `gpa`. */
  readSectors(lba: number, count: number, gpa: number): void {
    this.#check(lba, count);
    const cpu = this.#vm.vcpu;
    this.#taskfile(lba, count, ataCommand.READ_SECTORS);
    for (let s = 0; s < count; s++) {
      const status = this.#waitIrq();
      if ((status & ideStatus.DRQ) === 0) throw new SysError("EIO", "no DRQ");
      const dst = gpa + s * sectorBytes;
      if (this.mode === "rep") {
        cpu.insw(idePort.data, dst, sectorBytes / 2, ideDriverRip.data);
      } else {
        for (let w = 0; w < sectorBytes / 2; w++)
          this.#vm.memory.setU16(dst + 2 * w, cpu.inw(idePort.data, ideDriverRip.data));
      }
    }
  }

  /** WRITE SECTORS (0x30): `count` sectors from guest memory at `gpa` to `lba`. */
  writeSectors(lba: number, count: number, gpa: number): void {
    this.#check(lba, count);
    const cpu = this.#vm.vcpu;
    this.#taskfile(lba, count, ataCommand.WRITE_SECTORS);
    // The first DRQ block needs no interrupt: poll Status until BSY clears and DRQ is set.
    let status = cpu.inb(idePort.statusCommand, ideDriverRip.status);
    for (let s = 0; s < count; s++) {
      this.#checkStatus(status);
      if ((status & ideStatus.DRQ) === 0) throw new SysError("EIO", "no DRQ");
      const src = gpa + s * sectorBytes;
      if (this.mode === "rep") {
        cpu.outsw(idePort.data, src, sectorBytes / 2, ideDriverRip.data);
      } else {
        for (let w = 0; w < sectorBytes / 2; w++)
          cpu.outw(idePort.data, this.#vm.memory.u16(src + 2 * w), ideDriverRip.data);
      }
      status = this.#waitIrq();
    }
  }

  /** FLUSH CACHE (0xE7): no data, one interrupt on completion. */
  flush(): void {
    const cpu = this.#vm.vcpu;
    cpu.outb(idePort.device, 0xa0 | ideDeviceLba, ideDriverRip.taskfile);
    cpu.outb(idePort.statusCommand, ataCommand.FLUSH_CACHE, ideDriverRip.command);
    this.#waitIrq();
  }
}
