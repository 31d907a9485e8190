import { describe, expect, it } from "vitest";
import { VirtualClock } from "@vmlab/sim/core/clock";
import { ImageFile } from "@vmlab/sim/images/image-file";
import { qemuImgCreate } from "@vmlab/sim/images/qemu-img";
import { createIoMachine, guestDd, type Controller } from "@vmlab/sim/devices/guest-disk";
import type { PioMode } from "@vmlab/sim/devices/ide-driver";
import {
  accessText,
  ExitRecorder,
  groupRepeats,
  layoutRun,
  maxKeptSteps,
  runLength,
  type Row,
  type Run,
  type Step,
} from "./recorder";

/** Runs a guest dd on a fresh machine and records the lane events the picture would see. */
function record(controller: Controller, bs: number, count: number, read = false, pioMode?: PioMode): Run {
  const image = qemuImgCreate(new ImageFile(), "raw", 4 * 1024 * 1024);
  const clock = new VirtualClock();
  const m = createIoMachine({ clock, controller, image, ...(pioMode !== undefined ? { pioMode } : {}) });
  const recorder = new ExitRecorder("dd", clock.nowUs);
  m.vm.events.on("lane", (e) => recorder.push(e));
  guestDd(m.disk, { bs, count, direction: read ? { from: "disk" } : { from: "zero" } });
  recorder.end(clock.nowUs);
  // The picture's totals must agree with the kernel-side counters kvm_stat reads.
  const run = recorder.snapshot();
  const stats = m.vm.stats();
  expect(run.exitCount).toBe(stats.get("kvm_exit") ?? 0);
  for (const [reason, n] of Object.entries(run.totals.exits))
    expect(stats.get(`kvm_exit(${reason})`)).toBe(n);
  for (const [code, n] of Object.entries(run.totals.toUser))
    expect(stats.get(`kvm_userspace_exit(${code})`)).toBe(n);
  return run;
}

function label(row: Row): string {
  const s = row.step;
  const text =
    s.type === "exit"
      ? `${s.reason}${s.access !== undefined ? ` ${accessText(s.access)}` : ""}${s.toUser !== undefined ? ` →${s.toUser}` : ""}${s.ioeventfd === true ? " ioeventfd" : ""}`
      : s.type === "file"
        ? `file ${s.op} ${s.bytes}`
        : s.type === "ata"
          ? s.command
          : s.type;
  return row.count > 1 ? `${row.count}× ${text}` : text;
}

describe("IDE, one 512-byte sector written with dd oflag=direct", () => {
  // ATA PIO data-out (ACS-3 WRITE SECTORS; libata ata_sff_tf_load order): Features, Count, LBA low/mid/high,
  // Device, Command = 7 byte writes; one Status poll for DRQ; 256 16-bit Data writes (512 / 2); INTRQ after
  // the sector reaches the image (hw/ide/core.c ide_sector_write_cb) → HLT; Status read acknowledges it.
  // rep outsw still exits once per word (KVM's emulator hands user space one element at a time).
  const run = record("ide", 512, 1);

  it("counts 265 I/O exits + 1 HLT = 266, each I/O exit completed by QEMU (KVM_EXIT_IO)", () => {
    expect(run.controller).toBe("ide");
    expect(run.totals.exits).toEqual({ IO_INSTRUCTION: 7 + 1 + 256 + 1, HLT: 1 });
    expect(run.exitCount).toBe(266);
    expect(run.totals.toUser).toEqual({ IO: 265 });
    expect(run.totals.interrupts).toBe(1);
    expect(run.totals.fileWriteBytes).toBe(512);
  });

  it("collapses the 256 data-port writes into one row, in protocol order", () => {
    const rows = runLength(run.steps).map(label);
    expect(rows).toEqual([
      "IO_INSTRUCTION outb 0x1f1 →IO",
      "IO_INSTRUCTION outb 0x1f2 →IO",
      "IO_INSTRUCTION outb 0x1f3 →IO",
      "IO_INSTRUCTION outb 0x1f4 →IO",
      "IO_INSTRUCTION outb 0x1f5 →IO",
      "IO_INSTRUCTION outb 0x1f6 →IO",
      "IO_INSTRUCTION outb 0x1f7 →IO",
      "WRITE SECTORS",
      "IO_INSTRUCTION inb 0x1f7 →IO",
      "256× IO_INSTRUCTION outw 0x1f0 →IO",
      // The 256th word completes the sector: QEMU starts the host write while handling that exit.
      "file write 512",
      "HLT",
      "irq",
      "IO_INSTRUCTION inb 0x1f7 →IO",
    ]);
  });
});

describe("IDE, one sector read with rep insw", () => {
  it("moves the 512 bytes in one batched exit (emulator read-ahead of up to 1024 bytes)", () => {
    const run = record("ide", 512, 1, true);
    // 7 task-file writes + Status after INTRQ + one rep insw = 9 I/O exits, 1 HLT.
    expect(run.totals.exits).toEqual({ IO_INSTRUCTION: 9, HLT: 1 });
    const last = runLength(run.steps).map(label).at(-1);
    expect(last).toBe("IO_INSTRUCTION rep insw 0x1f0 (512 B) →IO");
  });

  it("without batching (one inw per word) the same read costs 256 data exits", () => {
    const run = record("ide", 512, 1, true, "word");
    expect(run.totals.exits).toEqual({ IO_INSTRUCTION: 7 + 1 + 256, HLT: 1 });
  });
});

describe("virtio-blk, the same writes", () => {
  it("one 512-byte request: one notify exit (EPT_VIOLATION on the first touch) and one HLT", () => {
    const run = record("virtio", 512, 1);
    expect(run.controller).toBe("virtio");
    expect(run.totals.exits).toEqual({ EPT_VIOLATION: 1, HLT: 1 });
    // The notify store matches the ioeventfd in the kernel: nothing goes to user space as an exit.
    expect(run.totals.toUser).toEqual({});
    expect(runLength(run.steps).map(label)).toEqual([
      "EPT_VIOLATION ioeventfd",
      "HLT",
      "eventfd",
      "file write 512",
      "used",
      "irq",
    ]);
  });

  it("eight 4 KiB requests: the request pattern repeats and is drawn once with × 7", () => {
    const run = record("virtio", 4096, 8);
    // First notify page touch is an EPT violation (MMIO SPTE installed), later ones EPT misconfigurations.
    expect(run.totals.exits).toEqual({ EPT_VIOLATION: 1, EPT_MISCONFIG: 7, HLT: 8 });
    const groups = layoutRun(run);
    expect(groups.map((g) => g.repeat)).toEqual([1, 1, 1, 1, 1, 1, 7]);
    expect(groups.at(-1)?.rows.map(label)).toEqual([
      "EPT_MISCONFIG ioeventfd",
      "HLT",
      "eventfd",
      "file write 4096",
      "used",
      "irq",
    ]);
  });
});

describe("bounds", () => {
  it("an eight-sector IDE write becomes a bounded picture: one block repeated", () => {
    const run = record("ide", 4096, 1);
    expect(run.exitCount).toBe(8 + 8 * (256 + 2));
    const groups = layoutRun(run);
    const shown = groups.reduce((n, g) => n + g.rows.length, 0);
    expect(shown).toBeLessThan(20);
    // WRITE SECTORS polls Status once, then per sector: 256 outw, host write, HLT, IRQ, Status read.
    // Read from the Status poll, that block of five rows repeats 8 times; the last Status read stays alone.
    expect(groups.map((g) => [g.rows.length, g.repeat]).slice(-2)).toEqual([
      [5, 8],
      [1, 1],
    ]);
  });

  it("keeps at most maxKeptSteps steps but counts every exit", () => {
    const run = record("ide", 512 * 32, 1);
    expect(run.steps.length).toBe(maxKeptSteps);
    expect(run.truncated).toBe(true);
    expect(run.exitCount).toBe(8 + 32 * (256 + 2));
  });

  it("groupRepeats takes the period that covers the most rows", () => {
    const a: Step = { type: "irq" };
    const b: Step = { type: "used" };
    const rows: Row[] = [a, b, a, b, a, b, a].map((step) => ({ step, count: 1 }));
    expect(groupRepeats(rows).map((g) => [g.rows.length, g.repeat])).toEqual([
      [2, 3],
      [1, 1],
    ]);
  });
});
