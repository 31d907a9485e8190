import { describe, expect, it } from "vitest";
import { VirtualClock } from "../core/clock";
import { qemuImgCreate } from "../images/qemu-img";
import { ImageFile } from "../images/image-file";
import type { TraceRecord } from "../vmx/trace";
import { createIoMachine, guestBufferGpa } from "./guest-disk";
import type { PioMode } from "./ide-driver";

function machine(mode: PioMode) {
  const image = qemuImgCreate(new ImageFile(), "raw", 1024 * 1024);
  const m = createIoMachine({ clock: new VirtualClock(), controller: "ide", image, pioMode: mode });
  m.vm.trace.enabled = true;
  return { ...m, image };
}

/** A compact form of each VM exit: reason, then port/direction/count for I/O. */
function exits(records: readonly TraceRecord[]): string[] {
  const out: string[] = [];
  for (const r of records) {
    if (r.event === "kvm_exit" && r.reason === "HLT") out.push("HLT");
    if (r.event === "kvm_pio") out.push(`${r.write ? "out" : "in"} 0x${r.port.toString(16)} x${r.count}`);
  }
  return out;
}

// ATA PIO data-in (ACS-3 READ SECTORS, libata ata_sff_tf_load order): Features, Count, LBA low/mid/high,
// Device, Command; INTRQ when the sector is ready (hw/ide/core.c ide_sector_read_cb); Status read; data.
const readPrologue = [
  "out 0x1f1 x1",
  "out 0x1f2 x1",
  "out 0x1f3 x1",
  "out 0x1f4 x1",
  "out 0x1f5 x1",
  "out 0x1f6 x1",
  "out 0x1f7 x1",
];

describe("IDE one-sector read", () => {
  it("per-word PIO: 7 register writes, HLT, status, 256 inw = 265 exits", () => {
    const m = machine("word");
    m.image.write(5 * 512, new Uint8Array(512).fill(0xab));
    m.disk.readSectors(5, 1);
    const seq = exits(m.vm.trace.records());
    expect(seq).toEqual([...readPrologue, "HLT", "in 0x1f7 x1", ...Array<string>(256).fill("in 0x1f0 x1")]);
    expect(m.vm.stat("kvm_exit")).toBe(265);
    expect(m.vm.stat("kvm_exit(IO_INSTRUCTION)")).toBe(264);
    expect(m.vm.stat("kvm_exit(HLT)")).toBe(1);
    expect(m.vm.stat("kvm_userspace_exit(IO)")).toBe(264);
    expect(m.vm.memory.read(guestBufferGpa, 512)).toEqual(new Uint8Array(512).fill(0xab));
  });

  it("rep insw: the whole sector is one exit with count 256 (emulate.c read-ahead of 1024 bytes)", () => {
    const m = machine("rep");
    m.image.write(5 * 512, new Uint8Array(512).fill(0x5a));
    m.disk.readSectors(5, 1);
    expect(exits(m.vm.trace.records())).toEqual([...readPrologue, "HLT", "in 0x1f7 x1", "in 0x1f0 x256"]);
    expect(m.vm.stat("kvm_exit")).toBe(10);
    expect(m.vm.memory.read(guestBufferGpa, 512)).toEqual(new Uint8Array(512).fill(0x5a));
    // The device raised IRQ 14 and KVM injected ISA vector 0x30 + 14 = 62.
    const recs = m.vm.trace.records();
    expect(recs.some((r) => r.event === "kvm_set_irq" && r.gsi === 14 && r.level === 1)).toBe(true);
    expect(recs.some((r) => r.event === "kvm_inj_virq" && r.irq === 62)).toBe(true);
    // LBA 5, 1 sector: the taskfile bytes as written.
    const vals = recs.flatMap((r) => (r.event === "kvm_pio" && r.write ? [r.val] : []));
    expect(vals).toEqual([0, 1, 5, 0, 0, 0xe0, 0x20]);
  });
});

describe("IDE one-sector write", () => {
  // PIO data-out: DRQ is set at once, no interrupt for the first block; poll Status, send the data,
  // then INTRQ after the host write (ide_sector_write_cb) and a Status read to acknowledge it.
  const writePrologue = [...readPrologue.slice(0, 6), "out 0x1f7 x1", "in 0x1f7 x1"];

  it("per-word PIO: 7 writes, status poll, 256 outw, HLT, status = 266 exits", () => {
    const m = machine("word");
    m.vm.memory.write(guestBufferGpa, new Uint8Array(512).fill(0x11));
    m.disk.writeSectors(3, 1);
    expect(exits(m.vm.trace.records())).toEqual([
      ...writePrologue,
      ...Array<string>(256).fill("out 0x1f0 x1"),
      "HLT",
      "in 0x1f7 x1",
    ]);
    expect(m.vm.stat("kvm_exit")).toBe(266);
    expect(m.image.read(3 * 512, 512)).toEqual(new Uint8Array(512).fill(0x11));
  });

  it("rep outsw still exits once per word: em_out passes count 1 to user space", () => {
    const m = machine("rep");
    m.vm.memory.write(guestBufferGpa, new Uint8Array(512).fill(0x22));
    m.disk.writeSectors(3, 1);
    expect(m.vm.stat("kvm_exit")).toBe(266);
    expect(m.vm.stat("kvm_userspace_exit(IO)")).toBe(265);
    const first = m.vm.trace.records().find((r) => r.event === "kvm_exit" && r.info1 >>> 16 === 0x1f0);
    // Exit qualification (SDM Table 28-5): port 0x1f0, REP+string (0x30), OUT, size 2 → 0x01f00031.
    expect(first?.event === "kvm_exit" && first.info1).toBe(0x01f00031);
    expect(m.image.read(3 * 512, 512)).toEqual(new Uint8Array(512).fill(0x22));
  });

  it("aborts a read past the end with ERR/ABRT → EIO", () => {
    const m = machine("rep");
    expect(() => m.disk.readSectors(2048, 1)).toThrow(/EIO/);
  });
});
