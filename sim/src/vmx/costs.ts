/**
 * The modelled time of each step of a trapped I/O, in nanoseconds, kept in one
 * place. These are not measurements of the reader's machine: they are
 * round, order-of-magnitude values chosen from published measurements so that
 * IDE and virtio-blk differ the way they do on a real host.
 *
 * - kvm-unit-tests x86/vmexit.c times exit round trips; the results posted on
 *   kvm@vger.kernel.org for recent Intel cores are about 1–2 k cycles for a
 *   light in-kernel exit (cpuid, vmcall: ~0.5–1 µs at 2–3 GHz) and several
 *   times that for an exit completed by QEMU ("inl_from_qemu": a few µs),
 *   because KVM_RUN returns to user space and the vCPU thread re-enters it.
 * - A halted vCPU is woken through kvm_vcpu_kick() and the scheduler
 *   (virt/kvm/kvm_main.c kvm_vcpu_block), a few µs without halt polling.
 * - An ioeventfd signal wakes QEMU's event loop (an eventfd read through
 *   ppoll/io_uring), again a scheduler wake-up of a few µs.
 * - The host file is in the page cache (QEMU's default cache=writeback), so a
 *   preadv/pwritev from QEMU's thread pool costs a syscall plus a memory copy
 *   at a few GB/s.
 */
export interface ExitCosts {
  /** VM exit + KVM's in-kernel handler + VM entry, for a light exit. */
  readonly exitRoundTripNs: number;
  /** Extra for an exit completed in user space (KVM_RUN returns, QEMU dispatches, ioctl again). */
  readonly userspaceRoundTripNs: number;
  /** x86 instruction emulation (fetch, decode) for EPT-misconfig MMIO and string I/O. */
  readonly emulationNs: number;
  /** Waking a halted vCPU and injecting the interrupt. */
  readonly haltWakeNs: number;
  /** ioeventfd signal → QEMU's device thread running. */
  readonly eventfdWakeNs: number;
  /** QEMU popping and mapping one virtio request (virtqueue_pop, iovec set-up). */
  readonly virtioRequestNs: number;
  /** Fixed part of one host preadv/pwritev/fdatasync through QEMU's thread pool. */
  readonly hostIoLatencyNs: number;
  /** Host page-cache copy throughput, bytes per microsecond (2000 = 2 GB/s). */
  readonly hostIoBytesPerUs: number;
}

export const defaultExitCosts: ExitCosts = {
  exitRoundTripNs: 1_000,
  userspaceRoundTripNs: 4_000,
  emulationNs: 500,
  haltWakeNs: 5_000,
  eventfdWakeNs: 5_000,
  virtioRequestNs: 1_500,
  hostIoLatencyNs: 8_000,
  hostIoBytesPerUs: 2_000,
};

/** Host file I/O time for `bytes` bytes, in whole microseconds (the clock's unit). */
export function hostIoUs(costs: ExitCosts, bytes: number): number {
  return Math.max(1, Math.round((costs.hostIoLatencyNs + (bytes * 1000) / costs.hostIoBytesPerUs) / 1000));
}
