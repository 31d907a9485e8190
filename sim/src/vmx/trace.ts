import type { KvmExitName, VmxExitReasonName } from "./exit-reasons";

/**
 * Trace records with the fields of the kernel's KVM tracepoints, and their
 * text as /sys/kernel/tracing/trace prints it. Formats follow
 * arch/x86/kvm/trace.h and include/trace/events/kvm.h as of Linux 6.1
 * (kvm_exit with vcpu, info1/info2, intr_info, error_code; kvm_inj_virq as
 * "irq %u").
 */
export type TraceTask = "vcpu" | "qemu";

interface TraceBase {
  readonly atUs: number;
  readonly task: TraceTask;
}

export type TraceRecord = TraceBase &
  (
    | {
        readonly event: "kvm_exit";
        readonly reason: VmxExitReasonName;
        /** Guest RIP: 64-bit kernel addresses do not fit a double. */
        readonly rip: bigint;
        readonly info1: number;
        readonly info2: number;
        readonly intrInfo: number;
        readonly errorCode: number;
      }
    | { readonly event: "kvm_entry"; readonly rip: bigint }
    | {
        readonly event: "kvm_pio";
        readonly write: boolean;
        readonly port: number;
        readonly size: number;
        readonly count: number;
        readonly val: number;
      }
    | {
        readonly event: "kvm_mmio";
        readonly kind: "read" | "write" | "unsatisfied-read";
        readonly len: number;
        readonly gpa: number;
        readonly val: number;
      }
    | { readonly event: "kvm_fast_mmio"; readonly gpa: number }
    | { readonly event: "kvm_userspace_exit"; readonly reason: KvmExitName }
    | { readonly event: "kvm_set_irq"; readonly gsi: number; readonly level: 0 | 1; readonly source: number }
    | { readonly event: "kvm_msi_set_irq"; readonly address: number; readonly data: number }
    | { readonly event: "kvm_inj_virq"; readonly irq: number }
  );

export type TraceEventName = TraceRecord["event"];

const hex = (n: number): string => n.toString(16);
const hexPad = (n: number, width: number): string => n.toString(16).padStart(width, "0");

/** The TP_printk text of one record. */
export function formatTraceText(r: TraceRecord): string {
  switch (r.event) {
    case "kvm_exit":
      // trace.h TRACE_EVENT_KVM_EXIT: "vcpu %u reason %s%s%s rip 0x%lx info1 0x%016llx info2 0x%016llx intr_info 0x%08x error_code 0x%08x"
      return (
        `vcpu 0 reason ${r.reason} rip 0x${r.rip.toString(16)} info1 0x${hexPad(r.info1, 16)} ` +
        `info2 0x${hexPad(r.info2, 16)} intr_info 0x${hexPad(r.intrInfo, 8)} error_code 0x${hexPad(r.errorCode, 8)}`
      );
    case "kvm_entry":
      return `vcpu 0, rip 0x${r.rip.toString(16)}`;
    case "kvm_pio":
      // "pio_%s at 0x%x size %d count %d val 0x%x %s" — the last %s is "(...)" when count > 1.
      return `pio_${r.write ? "write" : "read"} at 0x${hex(r.port)} size ${r.size} count ${r.count} val 0x${hex(r.val)} ${r.count > 1 ? "(...)" : ""}`;
    case "kvm_mmio":
      return `mmio ${r.kind} len ${r.len} gpa 0x${hex(r.gpa)} val 0x${hex(r.val)}`;
    case "kvm_fast_mmio":
      return `fast mmio at gpa 0x${hex(r.gpa)}`;
    case "kvm_userspace_exit":
      return `reason KVM_EXIT_${r.reason} (${userspaceExitCode[r.reason]})`;
    case "kvm_set_irq":
      return `gsi ${r.gsi} level ${r.level} source ${r.source}`;
    case "kvm_msi_set_irq": {
      // "dst %llx vec %u (%s|%s|%s%s)": destination from address bits 19:12, vector from data bits 7:0.
      const dst = Math.floor(r.address / 0x1000) & 0xff;
      const logical = (r.address & 0x4) !== 0 ? "logical" : "physical";
      const level = (r.data & 0x8000) !== 0 ? "level" : "edge";
      return `dst ${hex(dst)} vec ${r.data & 0xff} (Fixed|${logical}|${level}${(r.address & 0x8) !== 0 ? "|rh" : ""})`;
    }
    case "kvm_inj_virq":
      return `irq ${r.irq}`;
  }
}

const userspaceExitCode: Record<KvmExitName, number> = { IO: 2, HLT: 5, MMIO: 6 };

/** What kvm_stat calls each event: kvm_exit and kvm_userspace_exit split by reason. */
export function kvmStatKeys(r: TraceRecord): readonly string[] {
  switch (r.event) {
    case "kvm_exit":
      return ["kvm_exit", `kvm_exit(${r.reason})`];
    case "kvm_userspace_exit":
      return ["kvm_userspace_exit", `kvm_userspace_exit(${r.reason})`];
    default:
      return [r.event];
  }
}

export interface TraceLineContext {
  /** pid of the QEMU process; vCPU threads take the next ids. */
  readonly qemuPid: number;
  /** Host CPU the vCPU thread runs on. */
  readonly vcpuHostCpu: number;
  /** Host CPU of QEMU's main loop / I/O thread. */
  readonly qemuHostCpu: number;
}

/**
 * One line of /sys/kernel/tracing/trace (kernel/trace/trace_output.c): the
 * task comm right-aligned in 16 columns, "-pid", the CPU, the five latency
 * flag characters, the timestamp in seconds with microseconds. QEMU names
 * its vCPU threads "CPU 0/KVM"; its main thread keeps the process comm
 * truncated to 15 characters ("qemu-system-x86").
 */
export function formatTraceLine(r: TraceRecord, ctx: TraceLineContext): string {
  const vcpu = r.task === "vcpu";
  const comm = vcpu ? "CPU 0/KVM" : "qemu-system-x86";
  const pid = vcpu ? ctx.qemuPid + 1 : ctx.qemuPid;
  const cpu = String(vcpu ? ctx.vcpuHostCpu : ctx.qemuHostCpu).padStart(3, "0");
  // kvm_entry/kvm_exit fire with interrupts off inside vcpu_enter_guest ('d').
  const flags = r.event === "kvm_exit" || r.event === "kvm_entry" ? "d...." : ".....";
  const seconds = Math.floor(r.atUs / 1_000_000);
  const micros = String(r.atUs % 1_000_000).padStart(6, "0");
  const task = `${comm.padStart(16)}-${String(pid).padEnd(7)}`;
  return `${task} [${cpu}] ${flags} ${String(seconds).padStart(5)}.${micros}: ${r.event}: ${formatTraceText(r)}`;
}

/** The header ftrace prints above the lines (nop tracer). */
export function formatTraceHeader(entries: number, written: number, cpus: number): string {
  return [
    "# tracer: nop",
    "#",
    `# entries-in-buffer/entries-written: ${entries}/${written}   #P:${cpus}`,
    "#",
    "#                                _-----=> irqs-off/BH-disabled",
    "#                               / _----=> need-resched",
    "#                              | / _---=> hardirq/softirq",
    "#                              || / _--=> preempt-depth",
    "#                              ||| / _-=> migrate-disable",
    "#                              |||| /     delay",
    "#           TASK-PID     CPU#  |||||  TIMESTAMP  FUNCTION",
    "#              | |         |   |||||     |         |",
  ].join("\n");
}

/**
 * The per-CPU ring buffer, bounded like ftrace's (oldest entries are
 * overwritten), enabled like events/kvm/enable.
 */
export class TraceBuffer {
  enabled = false;
  #records: TraceRecord[] = [];
  #start = 0;
  #written = 0;
  readonly capacity: number;

  constructor(capacity = 20_000) {
    this.capacity = capacity;
  }

  push(r: TraceRecord): void {
    this.#written++;
    if (this.#records.length < this.capacity) {
      this.#records.push(r);
    } else {
      this.#records[this.#start] = r;
      this.#start = (this.#start + 1) % this.capacity;
    }
  }

  get written(): number {
    return this.#written;
  }

  records(): TraceRecord[] {
    return [...this.#records.slice(this.#start), ...this.#records.slice(0, this.#start)];
  }

  clear(): void {
    this.#records = [];
    this.#start = 0;
    this.#written = 0;
  }

  /** The whole /sys/kernel/tracing/trace file. */
  format(ctx: TraceLineContext, cpus: number): string {
    const recs = this.records();
    const lines = recs.map((r) => formatTraceLine(r, ctx));
    return `${formatTraceHeader(recs.length, this.#written, cpus)}\n${lines.join("\n")}${lines.length > 0 ? "\n" : ""}`;
  }
}
