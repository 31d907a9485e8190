/** What a simulated host is made of. Scenarios choose; these are the defaults. */
export interface MachineConfig {
  readonly hostname: string;
  readonly cpus: number;
  readonly memoryBytes: number;
  readonly kernelRelease: string;
  readonly kernelVersion: string;
  readonly cpuModel: string;
  readonly cpuMhz: number;
  /** Wall-clock time at simulated t = 0, in ms since the epoch (for `date`). */
  readonly bootEpochMs: number;
  readonly seed: number;
  /** A guest VM's kernel: /proc/cpuinfo shows `hypervisor` and no `vmx` (no nested virtualization). */
  readonly guest?: boolean;
}

export const defaultMachine: MachineConfig = {
  hostname: "lab",
  cpus: 4,
  memoryBytes: 8 * 2 ** 30,
  kernelRelease: "6.12.0-vmlab",
  kernelVersion: "#1 SMP PREEMPT_DYNAMIC Fri Nov 27 09:00:00 UTC 2026",
  cpuModel: "Simulated x86-64 CPU with VT-x @ 3.00GHz",
  cpuMhz: 3000,
  bootEpochMs: Date.UTC(2026, 10, 27, 9, 0, 0),
  seed: 1,
};
