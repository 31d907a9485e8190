import { describe, expect, it } from "vitest";
import { VirtualClock } from "../core/clock";
import { KvmVm } from "./kvm";
import { formatTraceLine, formatTraceText } from "./trace";

const ctx = { qemuPid: 1234, vcpuHostCpu: 1, qemuHostCpu: 0 };

describe("trace text (arch/x86/kvm/trace.h, include/trace/events/kvm.h)", () => {
  it("formats one outb exit the way /sys/kernel/tracing/trace prints it", () => {
    const clock = new VirtualClock();
    clock.runUntil(123_456_789);
    const vm = new KvmVm({ clock, memoryBytes: 4 * 1024 * 1024 });
    vm.trace.enabled = true;
    vm.vcpu.outb(0x1f2, 1, 0xffffffffc0a01040n);
    const lines = vm.trace.records().map((r) => formatTraceLine(r, ctx));
    expect(lines).toEqual([
      "       CPU 0/KVM-1235    [001] d....   123.456789: kvm_exit: vcpu 0 reason IO_INSTRUCTION rip 0xffffffffc0a01040 info1 0x0000000001f20000 info2 0x0000000000000000 intr_info 0x00000000 error_code 0x00000000",
      "       CPU 0/KVM-1235    [001] .....   123.456790: kvm_pio: pio_write at 0x1f2 size 1 count 1 val 0x1 ",
      "       CPU 0/KVM-1235    [001] .....   123.456790: kvm_userspace_exit: reason KVM_EXIT_IO (2)",
      "       CPU 0/KVM-1235    [001] d....   123.456794: kvm_entry: vcpu 0, rip 0xffffffffc0a01040",
    ]);
    expect(vm.trace.format(ctx, 4).split("\n")[2]).toBe("# entries-in-buffer/entries-written: 4/4   #P:4");
  });

  it("formats the other events", () => {
    const base = { atUs: 0, task: "qemu" } as const;
    expect(
      formatTraceText({ ...base, event: "kvm_mmio", kind: "write", len: 2, gpa: 0xfe003000, val: 0 }),
    ).toBe("mmio write len 2 gpa 0xfe003000 val 0x0");
    expect(
      formatTraceText({
        ...base,
        event: "kvm_pio",
        write: false,
        port: 0x1f0,
        size: 2,
        count: 256,
        val: 0xabab,
      }),
    ).toBe("pio_read at 0x1f0 size 2 count 256 val 0xabab (...)");
    expect(formatTraceText({ ...base, event: "kvm_msi_set_irq", address: 0xfee00000, data: 0x22 })).toBe(
      "dst 0 vec 34 (Fixed|physical|edge)",
    );
    expect(formatTraceText({ ...base, event: "kvm_set_irq", gsi: 14, level: 1, source: 0 })).toBe(
      "gsi 14 level 1 source 0",
    );
    expect(formatTraceText({ ...base, event: "kvm_fast_mmio", gpa: 0xfe003000 })).toBe(
      "fast mmio at gpa 0xfe003000",
    );
  });

  it("keeps only the newest entries when the ring buffer is full", () => {
    const vm = new KvmVm({ clock: new VirtualClock(), memoryBytes: 4096 });
    vm.trace.enabled = true;
    for (let i = 0; i < 6000; i++) vm.vcpu.outb(0x80, 0);
    expect(vm.trace.written).toBe(24_000);
    expect(vm.trace.records().length).toBe(20_000);
    expect(vm.stat("kvm_exit(IO_INSTRUCTION)")).toBe(6000);
  });
});
