import type { VirtualClock } from "../core/clock";
import { SysError } from "../core/errno";
import { EventBus } from "../core/events";
import { defaultExitCosts, type ExitCosts } from "./costs";
import {
  eptViolationQualification,
  ioExitQualification,
  type KvmExitName,
  type VmxExitReasonName,
} from "./exit-reasons";
import { GuestMemory, guestPageBytes } from "./guest-memory";
import { kvmStatKeys, TraceBuffer, type TraceRecord } from "./trace";

export type IoSize = 1 | 2 | 4;

/** A device model in user space (QEMU) answering port I/O. */
export interface PortIoHandler {
  pioRead(port: number, size: IoSize): number;
  pioWrite(port: number, size: IoSize, value: number): void;
}

/** A device model in user space answering MMIO. */
export interface MmioHandler {
  mmioRead(gpa: number, size: IoSize): number;
  mmioWrite(gpa: number, size: IoSize, value: number): void;
}

/** The swim lanes of the exit picture. */
export type Lane = "vcpu" | "kvm" | "device" | "file";

export interface LaneEvent {
  readonly lane: Lane;
  /** What happened: an exit reason, "entry", "irq", "read", "write"… */
  readonly kind: string;
  readonly atUs: number;
  readonly port?: number;
  readonly gpa?: number;
  readonly bytes?: number;
}

export type VmEvents = { lane: LaneEvent };

export interface KvmVmOptions {
  readonly clock: VirtualClock;
  readonly memoryBytes?: number;
  readonly costs?: ExitCosts;
  readonly qemuPid?: number;
  /** The host's ftrace buffer (/sys/kernel/tracing), shared by every VM the host runs. */
  readonly trace?: TraceBuffer;
}

interface MmioRegion {
  readonly base: number;
  readonly length: number;
  readonly handler: MmioHandler;
}

/**
 * Linux x86-64 maps legacy ISA IRQ n to vector 0x30 + n
 * (arch/x86/include/asm/irq_vectors.h ISA_IRQ_VECTOR); IRQ 14 → 0x3e.
 */
export function isaIrqVector(irq: number): number {
  return 0x30 + irq;
}

/**
 * One VM with one vCPU under KVM, the piece of QEMU that owns it, and the
 * counters and trace buffer the host exposes. Guest drivers call the Vcpu's
 * instructions; each one that traps walks the same path as on a real host:
 * VM exit → KVM (in-kernel handler, or KVM_RUN returns to QEMU) → VM entry.
 *
 * Time is spent on the shared VirtualClock; sub-microsecond costs are carried
 * in a nanosecond remainder so 256 exits of 1.2 µs cost 307 µs, not 256.
 */
export class KvmVm {
  readonly clock: VirtualClock;
  readonly memory: GuestMemory;
  readonly costs: ExitCosts;
  readonly trace: TraceBuffer;
  readonly events = new EventBus<VmEvents>();
  readonly qemuPid: number;
  readonly vcpu: Vcpu;
  readonly #stats = new Map<string, number>();
  readonly #pio = new Map<number, PortIoHandler>();
  readonly #mmio: MmioRegion[] = [];
  readonly #ioeventfds = new Map<number, () => void>();
  readonly #pendingVectors: number[] = [];
  readonly #irqLevels = new Map<number, 0 | 1>();
  #remainderNs = 0;

  constructor(options: KvmVmOptions) {
    this.clock = options.clock;
    this.memory = new GuestMemory(options.memoryBytes ?? 32 * 1024 * 1024);
    this.costs = options.costs ?? defaultExitCosts;
    this.qemuPid = options.qemuPid ?? 1234;
    this.trace = options.trace ?? new TraceBuffer();
    this.vcpu = new Vcpu(this);
  }

  registerPio(first: number, last: number, handler: PortIoHandler): void {
    for (let p = first; p <= last; p++) this.#pio.set(p, handler);
  }

  registerMmio(base: number, length: number, handler: MmioHandler): void {
    this.#mmio.push({ base, length, handler });
  }

  /**
   * KVM_IOEVENTFD with length 0 (virt/kvm/eventfd.c): a write to `gpa` is
   * matched in the kernel on KVM_FAST_MMIO_BUS and only signals an eventfd;
   * `onSignal` runs in QEMU's event loop after it wakes up.
   */
  registerIoeventfd(gpa: number, onSignal: () => void): void {
    this.#ioeventfds.set(gpa, onSignal);
  }

  pioHandler(port: number): PortIoHandler | undefined {
    return this.#pio.get(port);
  }

  mmioRegion(gpa: number): MmioRegion | undefined {
    return this.#mmio.find((r) => gpa >= r.base && gpa < r.base + r.length);
  }

  ioeventfd(gpa: number): (() => void) | undefined {
    return this.#ioeventfds.get(gpa);
  }

  /** KVM_IRQ_LINE from QEMU (an ISA IRQ such as IDE's 14): a rising edge queues its vector. */
  setIrqLine(gsi: number, level: 0 | 1): void {
    this.record({ event: "kvm_set_irq", task: "qemu", atUs: this.clock.nowUs, gsi, level, source: 0 });
    const before = this.#irqLevels.get(gsi) ?? 0;
    this.#irqLevels.set(gsi, level);
    if (level === 1 && before === 0) {
      this.#pendingVectors.push(isaIrqVector(gsi));
      this.lane({ lane: "kvm", kind: "irq", atUs: this.clock.nowUs });
    }
  }

  /** An MSI(-X) message through an irqfd: fixed delivery, physical destination 0, edge. */
  signalMsi(vector: number): void {
    this.record({
      event: "kvm_msi_set_irq",
      task: "qemu",
      atUs: this.clock.nowUs,
      address: 0xfee00000,
      data: vector,
    });
    this.#pendingVectors.push(vector);
    this.lane({ lane: "kvm", kind: "irq", atUs: this.clock.nowUs });
  }

  hasPendingInterrupt(): boolean {
    return this.#pendingVectors.length > 0;
  }

  takePendingInterrupt(): number | undefined {
    return this.#pendingVectors.shift();
  }

  /** Spends `ns` of simulated time, firing whatever falls due meanwhile. */
  spend(ns: number): void {
    const total = this.#remainderNs + ns;
    const us = Math.floor(total / 1000);
    this.#remainderNs = total - us * 1000;
    if (us > 0) this.clock.runUntil(this.clock.nowUs + us);
  }

  record(r: TraceRecord): void {
    for (const key of kvmStatKeys(r)) this.#stats.set(key, (this.#stats.get(key) ?? 0) + 1);
    if (this.trace.enabled) this.trace.push(r);
  }

  lane(e: LaneEvent): void {
    if (this.events.hasListeners("lane")) this.events.emit("lane", e);
  }

  /** kvm_stat's counters: "kvm_exit", "kvm_exit(IO_INSTRUCTION)", "kvm_userspace_exit(MMIO)", "kvm_pio"… */
  stat(name: string): number {
    return this.#stats.get(name) ?? 0;
  }

  stats(): ReadonlyMap<string, number> {
    return new Map(this.#stats);
  }

  resetStats(): void {
    this.#stats.clear();
  }
}

/**
 * The guest's view of its vCPU: the instructions a driver executes that can
 * trap. Between traps the guest runs at native speed and costs nothing here.
 * Interrupts are taken at HLT only (the drivers wait with HLT), which is
 * where the model looks at pending vectors.
 */
export class Vcpu {
  readonly #vm: KvmVm;
  readonly #mmioPagesSeen = new Set<number>();

  constructor(vm: KvmVm) {
    this.#vm = vm;
  }

  #exit(reason: VmxExitReasonName, rip: bigint, info1: number): void {
    const vm = this.#vm;
    vm.record({
      event: "kvm_exit",
      task: "vcpu",
      atUs: vm.clock.nowUs,
      reason,
      rip,
      info1,
      info2: 0,
      intrInfo: 0,
      errorCode: 0,
    });
    vm.lane({ lane: "kvm", kind: reason, atUs: vm.clock.nowUs });
    vm.spend(vm.costs.exitRoundTripNs);
  }

  #userspace(reason: KvmExitName): void {
    const vm = this.#vm;
    vm.record({ event: "kvm_userspace_exit", task: "vcpu", atUs: vm.clock.nowUs, reason });
    vm.lane({ lane: "device", kind: `KVM_EXIT_${reason}`, atUs: vm.clock.nowUs });
    vm.spend(vm.costs.userspaceRoundTripNs);
  }

  #entry(rip: bigint): void {
    const vm = this.#vm;
    vm.record({ event: "kvm_entry", task: "vcpu", atUs: vm.clock.nowUs, rip });
    vm.lane({ lane: "vcpu", kind: "entry", atUs: vm.clock.nowUs });
  }

  #pioOut(port: number, size: IoSize, value: number, rip: bigint, rep: boolean): void {
    const vm = this.#vm;
    this.#exit("IO_INSTRUCTION", rip, ioExitQualification(port, size, false, rep));
    if (rep) vm.spend(vm.costs.emulationNs);
    // x86.c emulator_pio_out(): trace_kvm_pio before the exit to user space.
    vm.record({
      event: "kvm_pio",
      task: "vcpu",
      atUs: vm.clock.nowUs,
      write: true,
      port,
      size,
      count: 1,
      val: value,
    });
    this.#userspace("IO");
    vm.pioHandler(port)?.pioWrite(port, size, value);
    vm.lane({ lane: "device", kind: "pio_write", atUs: vm.clock.nowUs, port });
    this.#entry(rip);
  }

  #pioIn(port: number, size: IoSize, rip: bigint): number {
    const vm = this.#vm;
    this.#exit("IO_INSTRUCTION", rip, ioExitQualification(port, size, true, false));
    this.#userspace("IO");
    // QEMU answers an unassigned port with all ones (memory/ioport.c unassigned_io_read).
    const value =
      vm.pioHandler(port)?.pioRead(port, size) ?? (size === 1 ? 0xff : size === 2 ? 0xffff : 0xffffffff);
    vm.lane({ lane: "device", kind: "pio_read", atUs: vm.clock.nowUs, port });
    // x86.c complete_emulator_pio_in(): traced when KVM_RUN resumes with the data.
    vm.record({
      event: "kvm_pio",
      task: "vcpu",
      atUs: vm.clock.nowUs,
      write: false,
      port,
      size,
      count: 1,
      val: value,
    });
    this.#entry(rip);
    return value;
  }

  outb(port: number, value: number, rip = 0n): void {
    this.#pioOut(port, 1, value & 0xff, rip, false);
  }

  outw(port: number, value: number, rip = 0n): void {
    this.#pioOut(port, 2, value & 0xffff, rip, false);
  }

  inb(port: number, rip = 0n): number {
    return this.#pioIn(port, 1, rip);
  }

  inw(port: number, rip = 0n): number {
    return this.#pioIn(port, 2, rip);
  }

  /**
   * `rep insw`: string I/O is emulated (vmx.c handle_io → emulator). The
   * emulator's read-ahead cache (emulate.c pio_in_emulated, struct read_cache
   * data[1024]) asks user space for n = min(bytes left in the page, 1024 /
   * size, rcx) elements in one KVM_EXIT_IO, then writes them all to memory
   * and re-enters the guest when the cache is empty. A 256-word sector into a
   * page-aligned buffer is therefore one exit.
   */
  insw(port: number, gpa: number, count: number, rip = 0n): void {
    const vm = this.#vm;
    let remaining = count;
    let dst = gpa;
    while (remaining > 0) {
      this.#exit("IO_INSTRUCTION", rip, ioExitQualification(port, 2, true, true));
      vm.spend(vm.costs.emulationNs);
      const inPage = guestPageBytes - (dst % guestPageBytes);
      const n = Math.max(1, Math.min(inPage, 1024 / 2, remaining));
      this.#userspace("IO");
      const handler = vm.pioHandler(port);
      let first = 0;
      for (let i = 0; i < n; i++) {
        const w = handler?.pioRead(port, 2) ?? 0xffff;
        if (i === 0) first = w;
        vm.memory.setU16(dst + 2 * i, w);
      }
      vm.lane({ lane: "device", kind: "pio_read", atUs: vm.clock.nowUs, port, bytes: 2 * n });
      vm.record({
        event: "kvm_pio",
        task: "vcpu",
        atUs: vm.clock.nowUs,
        write: false,
        port,
        size: 2,
        count: n,
        val: first,
      });
      dst += 2 * n;
      remaining -= n;
      this.#entry(rip);
    }
  }

  /**
   * `rep outsw`: the emulator's em_out() hands one element at a time to
   * emulator_pio_out() (count 1); x86_emulate_instruction() then returns to
   * user space ("FIXME: return into emulator if single-stepping") and the
   * guest re-executes the rep instruction, so every word is its own exit.
   */
  outsw(port: number, gpa: number, count: number, rip = 0n): void {
    for (let i = 0; i < count; i++) this.#pioOut(port, 2, this.#vm.memory.u16(gpa + 2 * i), rip, true);
  }

  /**
   * A store to an MMIO address. The first touch of an MMIO page is an EPT
   * violation (exit 48): KVM finds no memslot and installs a reserved-bit
   * "MMIO SPTE" (arch/x86/kvm/mmu/spte.c make_mmio_spte), then emulates.
   * Later touches hit that SPTE and exit with EPT misconfiguration (49);
   * handle_ept_misconfig() first tries KVM_FAST_MMIO_BUS (ioeventfd) and,
   * on a match, only skips the instruction (trace kvm_fast_mmio).
   */
  mmioWrite(gpa: number, size: IoSize, value: number, rip = 0n): void {
    const vm = this.#vm;
    const page = Math.floor(gpa / guestPageBytes);
    const first = !this.#mmioPagesSeen.has(page);
    this.#mmioPagesSeen.add(page);
    const eventfd = vm.ioeventfd(gpa);
    if (first) {
      this.#exit("EPT_VIOLATION", rip, eptViolationQualification(true));
    } else {
      this.#exit("EPT_MISCONFIG", rip, 0);
      if (eventfd !== undefined) {
        vm.record({ event: "kvm_fast_mmio", task: "vcpu", atUs: vm.clock.nowUs, gpa });
        this.#signal(eventfd, gpa);
        this.#entry(rip);
        return;
      }
    }
    vm.spend(vm.costs.emulationNs);
    // x86.c write_mmio(): trace_kvm_mmio(KVM_TRACE_MMIO_WRITE, …) before the bus lookup.
    vm.record({
      event: "kvm_mmio",
      task: "vcpu",
      atUs: vm.clock.nowUs,
      kind: "write",
      len: size,
      gpa,
      val: value,
    });
    if (eventfd !== undefined) {
      this.#signal(eventfd, gpa);
    } else {
      this.#userspace("MMIO");
      const region = vm.mmioRegion(gpa);
      region?.handler.mmioWrite(gpa, size, value);
      vm.lane({ lane: "device", kind: "mmio_write", atUs: vm.clock.nowUs, gpa });
    }
    this.#entry(rip);
  }

  #signal(onSignal: () => void, gpa: number): void {
    const vm = this.#vm;
    vm.lane({ lane: "kvm", kind: "ioeventfd", atUs: vm.clock.nowUs, gpa });
    vm.clock.after(Math.round(vm.costs.eventfdWakeNs / 1000), () => {
      vm.lane({ lane: "device", kind: "eventfd_wakeup", atUs: vm.clock.nowUs, gpa });
      onSignal();
    });
  }

  /**
   * HLT exits (12) and KVM blocks the vCPU in the kernel (no user-space exit)
   * until an interrupt is pending; it is injected on the next VM entry.
   * Returns the vector taken. A guest halting with nothing left to wake it
   * is a hung guest: EIO.
   */
  hlt(rip = 0n): number {
    const vm = this.#vm;
    this.#exit("HLT", rip, 0);
    while (!vm.hasPendingInterrupt()) {
      const next = vm.clock.nextEventUs();
      if (next === undefined) throw new SysError("EIO", "vCPU halted with no interrupt source");
      vm.clock.runUntil(next);
    }
    vm.spend(vm.costs.haltWakeNs);
    const vector = vm.takePendingInterrupt()!;
    vm.record({ event: "kvm_inj_virq", task: "vcpu", atUs: vm.clock.nowUs, irq: vector });
    this.#entry(rip);
    return vector;
  }
}
