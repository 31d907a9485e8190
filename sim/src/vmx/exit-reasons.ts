/**
 * VMX basic exit reasons (Intel SDM Vol. 3D, Appendix C "VMX Basic Exit
 * Reasons") and the KVM user-space exit codes (include/uapi/linux/kvm.h).
 * The names are the ones KVM prints through VMX_EXIT_REASONS
 * (arch/x86/include/uapi/asm/vmx.h), which is what kvm_stat and the
 * kvm_exit tracepoint show.
 */
export const vmxExitReason = {
  EXTERNAL_INTERRUPT: 1,
  HLT: 12,
  IO_INSTRUCTION: 30,
  EPT_VIOLATION: 48,
  EPT_MISCONFIG: 49,
} as const;

export type VmxExitReasonName = keyof typeof vmxExitReason;

/** include/uapi/linux/kvm.h: KVM_EXIT_IO 2, KVM_EXIT_HLT 5, KVM_EXIT_MMIO 6. */
export const kvmExitReason = {
  IO: 2,
  HLT: 5,
  MMIO: 6,
} as const;

export type KvmExitName = keyof typeof kvmExitReason;

/**
 * SDM Vol. 3C §28.2.1, Table 28-5 "Exit Qualification for I/O Instructions":
 * bits 2:0 size − 1, bit 3 direction (1 = IN), bit 4 string instruction,
 * bit 5 REP prefix, bit 6 operand encoding (0 = DX), bits 31:16 port.
 */
export function ioExitQualification(port: number, size: 1 | 2 | 4, input: boolean, rep: boolean): number {
  return port * 0x10000 + (rep ? 0x30 : 0) + (input ? 0x8 : 0) + (size - 1);
}

/**
 * SDM Vol. 3C Table 28-7 "Exit Qualification for EPT Violations": bit 0 read,
 * bit 1 write, bit 7 guest-linear address valid, bit 8 access to the
 * translated address (not to a paging structure). An MMIO page has no EPT
 * entry, so the permission bits 5:3 are 0.
 */
export function eptViolationQualification(write: boolean): number {
  return (write ? 0x2 : 0x1) | 0x80 | 0x100;
}
