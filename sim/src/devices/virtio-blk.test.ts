import { describe, expect, it } from "vitest";
import { VirtualClock } from "../core/clock";
import { ImageFile } from "../images/image-file";
import { qemuImgCreate } from "../images/qemu-img";
import { createIoMachine, guestBufferGpa } from "./guest-disk";
import { virtioBlkStatus, virtioBlkType, virtioNotifyGpa } from "./virtio-blk";
import { readDesc, usedRingGpa, vringNeedEvent } from "./virtqueue";

function machine(eventIdx = true, ioeventfd = true) {
  const image = qemuImgCreate(new ImageFile(), "raw", 4 * 1024 * 1024);
  const m = createIoMachine({ clock: new VirtualClock(), controller: "virtio", image, eventIdx, ioeventfd });
  m.vm.trace.enabled = true;
  return { ...m, image, driver: m.virtio!.driver };
}

// Layout (virtqueue.ts splitQueueLayout at 0x100000, 256 entries): descriptors 256 × 16 = 0x1000 bytes at
// 0x100000, available ring at 0x101000, used ring at 0x102000, request headers from 0x103000 (16 bytes per
// head), status bytes from 0x103000 + 256 × 16 = 0x104000.
const hdr0 = 0x103000;
const status0 = 0x104000;

describe("virtio-blk descriptor chains (virtio 1.2 §2.7.5, §5.2.6)", () => {
  it("a write: header (readable) → data (readable) → status (device-writable)", () => {
    const m = machine();
    m.vm.memory.write(guestBufferGpa, new Uint8Array(4096).fill(0x77));
    m.disk.writeSectors(8, 8);
    const q = m.driver.queue;
    expect(readDesc(m.vm.memory, q, 0)).toEqual({ addr: hdr0, len: 16, flags: 1, next: 1 });
    expect(readDesc(m.vm.memory, q, 1)).toEqual({ addr: guestBufferGpa, len: 4096, flags: 1, next: 2 });
    // The last descriptor has no NEXT; Linux leaves the free-list link (3) in its next field.
    expect(readDesc(m.vm.memory, q, 2)).toEqual({ addr: status0, len: 1, flags: 2, next: 3 });
    // Header: type OUT (1), reserved 0, sector 8.
    expect([m.vm.memory.u32(hdr0), m.vm.memory.u32(hdr0 + 4), m.vm.memory.u64(hdr0 + 8)]).toEqual([1, 0, 8]);
    // avail: flags 0, idx 1, ring[0] = head 0; used: idx 1, {id 0, len 1 (the status byte only)}.
    expect([
      m.vm.memory.u16(q.availGpa),
      m.vm.memory.u16(q.availGpa + 2),
      m.vm.memory.u16(q.availGpa + 4),
    ]).toEqual([0, 1, 0]);
    expect(m.vm.memory.u16(q.usedGpa + 2)).toBe(1);
    expect([m.vm.memory.u32(usedRingGpa(q, 0)), m.vm.memory.u32(usedRingGpa(q, 0) + 4)]).toEqual([0, 1]);
    expect(m.vm.memory.u8(status0)).toBe(virtioBlkStatus.OK);
    expect(m.image.read(8 * 512, 4096)).toEqual(new Uint8Array(4096).fill(0x77));
  });

  it("a read: the data descriptor is device-writable and used.len counts data + status", () => {
    const m = machine();
    m.image.write(0, new Uint8Array(1024).fill(0x3c));
    m.disk.readSectors(0, 2);
    const q = m.driver.queue;
    expect(readDesc(m.vm.memory, q, 1)).toEqual({ addr: guestBufferGpa, len: 1024, flags: 3, next: 2 });
    expect(m.vm.memory.u32(hdr0)).toBe(virtioBlkType.IN);
    expect(m.vm.memory.u32(usedRingGpa(q, 0) + 4)).toBe(1025);
    expect(m.vm.memory.read(guestBufferGpa, 1024)).toEqual(new Uint8Array(1024).fill(0x3c));
  });

  it("the freed chain returns to the head of the free list: the next request reuses descriptors 0,1,2", () => {
    const m = machine();
    m.disk.writeSectors(0, 1);
    m.disk.readSectors(0, 1);
    expect(m.vm.memory.u16(m.driver.queue.availGpa + 4 + 2)).toBe(0);
    expect(readDesc(m.vm.memory, m.driver.queue, 1).flags).toBe(3);
  });

  it("notify: first an EPT violation, then EPT misconfig answered by ioeventfd in the kernel", () => {
    const m = machine();
    m.disk.writeSectors(0, 1);
    m.disk.writeSectors(1, 1);
    const recs = m.vm.trace.records();
    const reasons = recs.flatMap((r) => (r.event === "kvm_exit" ? [r.reason] : []));
    expect(reasons).toEqual(["EPT_VIOLATION", "HLT", "EPT_MISCONFIG", "HLT"]);
    expect(recs.some((r) => r.event === "kvm_fast_mmio" && r.gpa === virtioNotifyGpa)).toBe(true);
    expect(m.vm.stat("kvm_userspace_exit")).toBe(0);
  });

  it("without ioeventfd the notify is a KVM_EXIT_MMIO to QEMU", () => {
    const m = machine(true, false);
    m.disk.writeSectors(0, 1);
    m.disk.writeSectors(1, 1);
    expect(m.vm.stat("kvm_userspace_exit(MMIO)")).toBe(2);
    expect(m.vm.stat("kvm_exit(EPT_MISCONFIG)")).toBe(1);
    const mmio = m.vm.trace.records().filter((r) => r.event === "kvm_mmio");
    expect(
      mmio.map((r) => r.event === "kvm_mmio" && `${r.kind} ${r.len} 0x${r.gpa.toString(16)} ${r.val}`),
    ).toEqual(["write 2 0xfe003000 0", "write 2 0xfe003000 0"]);
  });
});

describe("VIRTIO_F_EVENT_IDX (§2.7.10)", () => {
  it("vring_need_event: notify only when the event index lies in [old, new)", () => {
    expect(vringNeedEvent(0, 1, 0)).toBe(true);
    expect(vringNeedEvent(0, 2, 1)).toBe(false);
    expect(vringNeedEvent(5, 8, 4)).toBe(true);
    expect(vringNeedEvent(0xffff, 0, 0xffff)).toBe(true); // wrap-around
  });

  it("a burst of 8 requests: 1 notification with EVENT_IDX, 8 without", () => {
    // The device has not run yet when requests 2..8 are added, so avail_event is still 0:
    // vring_need_event(0, k+1, k) is false for k ≥ 1. Without EVENT_IDX the used ring's NO_NOTIFY flag is
    // only set while QEMU is inside the queue handler, which never overlaps the guest here.
    for (const [eventIdx, expected] of [
      [true, 1],
      [false, 8],
    ] as const) {
      const m = machine(eventIdx);
      for (let k = 0; k < 8; k++)
        m.driver.submit(virtioBlkType.OUT, 8 * k, guestBufferGpa + 4096 * k, 4096, false);
      const done = m.driver.waitAll();
      expect(done.map((c) => c.status)).toEqual(Array<number>(8).fill(0));
      expect(m.driver.notifications).toBe(expected);
      expect(m.driver.suppressedNotifications).toBe(8 - expected);
      expect(m.vm.stat("kvm_exit(EPT_VIOLATION)") + m.vm.stat("kvm_exit(EPT_MISCONFIG)")).toBe(expected);
    }
  });

  it("virtio moves 1 MiB with a handful of exits where IDE PIO needs thousands", () => {
    const v = machine();
    v.disk.writeSectors(0, 2048);
    expect(v.vm.stat("kvm_exit")).toBe(2); // notify + HLT
    const ideImage = qemuImgCreate(new ImageFile(), "raw", 4 * 1024 * 1024);
    const ide = createIoMachine({
      clock: new VirtualClock(),
      controller: "ide",
      image: ideImage,
      pioMode: "rep",
    });
    ide.disk.writeSectors(0, 16);
    // 16 sectors in one command: 7 taskfile writes + 1 status poll + 16 × (256 outsw words + HLT + status).
    expect(ide.vm.stat("kvm_exit")).toBe(8 + 16 * 258);
    expect(v.vm.clock.nowUs).toBeLessThan(ide.vm.clock.nowUs);
  });
});
