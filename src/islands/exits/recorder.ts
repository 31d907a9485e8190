/**
 * Turns the VM's swim-lane events (sim/src/vmx/kvm.ts `LaneEvent`) into the
 * rows of the exit picture: one step per VM exit (vCPU → KVM, or on to the
 * device model when KVM_RUN returns to QEMU) and one per asynchronous event
 * (an ATA command decoded, a host file read or write, an ioeventfd wake-up,
 * a used-ring update, an interrupt injected). It draws nothing and decides
 * nothing about the model: it only groups what the model reports, counts it,
 * and keeps a bounded copy for the picture.
 */
import type { Lane, LaneEvent } from "@vmlab/sim/vmx/kvm";

export type Controller = "ide" | "virtio";

/** The guest's access behind an I/O or MMIO exit, as far as the lane events tell it. */
export interface ExitAccess {
  readonly dir: "in" | "out" | "write";
  readonly port?: number;
  readonly gpa?: number;
  /** Bytes moved by this one exit (2 for one `outw`, 512 for a batched `rep insw`). */
  readonly bytes: number;
  /** A string instruction whose elements came back from user space in one exit (rep insw). */
  readonly batched: boolean;
}

export type Step =
  | {
      readonly type: "exit";
      /** VMX basic exit reason name, as kvm_stat prints it: IO_INSTRUCTION, HLT, EPT_MISCONFIG… */
      readonly reason: string;
      /** KVM_RUN returned to the device model with this exit code (IO, MMIO), or the exit stayed in KVM. */
      readonly toUser?: string;
      readonly access?: ExitAccess;
      /** An MMIO store matched an ioeventfd in the kernel: no trip to user space. */
      readonly ioeventfd?: boolean;
    }
  | { readonly type: "ata"; readonly command: string }
  | { readonly type: "file"; readonly op: "read" | "write"; readonly bytes: number }
  | { readonly type: "eventfd" }
  | { readonly type: "used" }
  | { readonly type: "irq" };

/** A step shown `count` times in a row. */
export interface Row {
  readonly step: Step;
  readonly count: number;
}

/** Rows that repeat as a block (`repeat` ≥ 2), or a single row (`repeat` 1). */
export interface Group {
  readonly rows: readonly Row[];
  readonly repeat: number;
}

export interface Totals {
  /** VM exits by reason name. */
  readonly exits: Readonly<Record<string, number>>;
  /** Exits completed in user space, by KVM exit code name (IO, MMIO). */
  readonly toUser: Readonly<Record<string, number>>;
  readonly interrupts: number;
  readonly fileReadBytes: number;
  readonly fileWriteBytes: number;
}

export interface Run {
  /** The guest command line that caused it (dd …). */
  readonly label: string;
  readonly controller: Controller | undefined;
  readonly totals: Totals;
  readonly exitCount: number;
  readonly startUs: number;
  readonly endUs: number;
  readonly steps: readonly Step[];
  /** More steps happened than the picture keeps; the totals still count them all. */
  readonly truncated: boolean;
}

/** The picture keeps at most this many steps per run; totals are exact beyond it. */
export const maxKeptSteps = 6000;

/** The ATA command block of the primary channel (ACS-3: 0x1F0–0x1F7) and its control port 0x3F6. */
function isIdePort(port: number): boolean {
  return (port >= 0x1f0 && port <= 0x1f7) || port === 0x3f6;
}

/**
 * The lane events carry the port, not the operand size. On the ATA command
 * block only the Data register (0x1F0) is 16 bits wide; every other register
 * is a byte (ACS-3 §6 "Normal outputs" register tables), which is also how the
 * guest driver accesses them.
 */
function pioWidthBytes(port: number): number {
  return port === 0x1f0 ? 2 : 1;
}

interface MutableExit {
  type: "exit";
  reason: string;
  toUser?: string;
  access?: ExitAccess;
  ioeventfd?: boolean;
}

export class ExitRecorder {
  readonly label: string;
  readonly startUs: number;
  #endUs: number;
  #controller: Controller | undefined;
  readonly #steps: Step[] = [];
  #truncated = false;
  #open: MutableExit | undefined;
  #exitCount = 0;
  readonly #exits: Record<string, number> = {};
  readonly #toUser: Record<string, number> = {};
  #interrupts = 0;
  #fileRead = 0;
  #fileWrite = 0;

  constructor(label: string, startUs: number) {
    this.label = label;
    this.startUs = startUs;
    this.#endUs = startUs;
  }

  get exitCount(): number {
    return this.#exitCount;
  }

  #push(step: Step): void {
    if (this.#steps.length < maxKeptSteps) this.#steps.push(step);
    else this.#truncated = true;
  }

  #guess(controller: Controller): void {
    this.#controller ??= controller;
  }

  push(e: LaneEvent): void {
    this.#endUs = Math.max(this.#endUs, e.atUs);
    const lane: Lane = e.lane;
    if (lane === "vcpu") {
      // "entry": the exit is over, the guest runs again.
      this.#open = undefined;
      return;
    }
    if (lane === "kvm") {
      if (e.kind === "irq") {
        this.#interrupts++;
        this.#push({ type: "irq" });
      } else if (e.kind === "ioeventfd") {
        this.#guess("virtio");
        if (this.#open !== undefined) this.#open.ioeventfd = true;
      } else {
        // Anything else on the KVM lane is a VM exit named by its basic exit reason.
        this.#exitCount++;
        this.#exits[e.kind] = (this.#exits[e.kind] ?? 0) + 1;
        if (e.kind.startsWith("EPT_")) this.#guess("virtio");
        const step: MutableExit = { type: "exit", reason: e.kind };
        this.#open = step;
        this.#push(step);
      }
      return;
    }
    if (lane === "file") {
      const bytes = e.bytes ?? 0;
      if (e.kind === "read") this.#fileRead += bytes;
      else this.#fileWrite += bytes;
      this.#push({ type: "file", op: e.kind === "read" ? "read" : "write", bytes });
      return;
    }
    // Device model lane.
    const open = this.#open;
    if (e.kind.startsWith("KVM_EXIT_")) {
      const code = e.kind.slice("KVM_EXIT_".length);
      this.#toUser[code] = (this.#toUser[code] ?? 0) + 1;
      if (open !== undefined) open.toUser = code;
      return;
    }
    if (e.kind === "pio_read" || e.kind === "pio_write") {
      const port = e.port ?? 0;
      if (isIdePort(port)) this.#guess("ide");
      if (open !== undefined) {
        const batched = e.bytes !== undefined;
        open.access = {
          dir: e.kind === "pio_read" ? "in" : "out",
          port,
          bytes: e.bytes ?? pioWidthBytes(port),
          batched,
        };
      }
      return;
    }
    if (e.kind === "mmio_write") {
      if (open !== undefined) open.access = { dir: "write", gpa: e.gpa ?? 0, bytes: 0, batched: false };
      return;
    }
    if (e.kind === "eventfd_wakeup") {
      this.#guess("virtio");
      this.#push({ type: "eventfd" });
      return;
    }
    if (e.kind === "used") {
      this.#guess("virtio");
      this.#push({ type: "used" });
      return;
    }
    if (e.kind === "READ SECTORS" || e.kind === "WRITE SECTORS" || e.kind.endsWith("CACHE")) {
      this.#guess("ide");
      this.#push({ type: "ata", command: e.kind });
    }
  }

  /** Marks the end of the command (its last simulated instant). */
  end(atUs: number): void {
    this.#endUs = Math.max(this.#endUs, atUs);
    this.#open = undefined;
  }

  snapshot(): Run {
    return {
      label: this.label,
      controller: this.#controller,
      totals: {
        exits: { ...this.#exits },
        toUser: { ...this.#toUser },
        interrupts: this.#interrupts,
        fileReadBytes: this.#fileRead,
        fileWriteBytes: this.#fileWrite,
      },
      exitCount: this.#exitCount,
      startUs: this.startUs,
      endUs: this.#endUs,
      steps: this.#steps.map((s) => (s.type === "exit" ? { ...s } : s)),
      truncated: this.#truncated,
    };
  }
}

export function stepKey(step: Step): string {
  return JSON.stringify(step);
}

/** Pass 1: identical consecutive steps become one row with a count ("× 256 outw 0x1f0"). */
export function runLength(steps: readonly Step[]): Row[] {
  const rows: Row[] = [];
  let lastKey = "";
  for (const step of steps) {
    const key = stepKey(step);
    const last = rows.at(-1);
    if (last !== undefined && key === lastKey)
      rows[rows.length - 1] = { step: last.step, count: last.count + 1 };
    else rows.push({ step, count: 1 });
    lastKey = key;
  }
  return rows;
}

function rowKey(row: Row): string {
  return `${row.count}×${stepKey(row.step)}`;
}

/** A guest-initiated exit: the vCPU touching a device (not HLT, which only waits). */
function startsRequest(row: Row): boolean {
  return row.step.type === "exit" && row.step.reason !== "HLT";
}

function repeatsAt(keys: readonly string[], i: number, p: number): number {
  let repeat = 1;
  while (i + (repeat + 1) * p <= keys.length) {
    for (let k = 0; k < p; k++) if (keys[i + repeat * p + k] !== keys[i + k]) return repeat;
    repeat++;
  }
  return repeat;
}

/**
 * Pass 2: a block of up to `maxPeriod` rows that repeats back to back
 * becomes one group ("× 8: outw ×256, file write, HLT, IRQ, inb 0x1f7" for an
 * eight-sector IDE write). Greedy, left to right, taking at each position the
 * period that covers the most rows.
 */
export function groupRepeats(rows: readonly Row[], maxPeriod = 8): Group[] {
  const keys = rows.map(rowKey);
  const groups: Group[] = [];
  let i = 0;
  while (i < rows.length) {
    let bestPeriod = 1;
    let bestRepeat = 1;
    for (let p = 1; p <= maxPeriod && i + 2 * p <= rows.length; p++) {
      const repeat = repeatsAt(keys, i, p);
      if (repeat >= 2 && repeat * p > bestRepeat * bestPeriod) {
        bestPeriod = p;
        bestRepeat = repeat;
      }
    }
    // Read a repeated block from where the guest starts a request (its first device access), not from the
    // middle: if a later start inside the block also repeats, show the rows before it on their own.
    if (bestRepeat >= 2 && !startsRequest(rows[i]!)) {
      let later = false;
      for (let j = i + 1; j < i + bestPeriod && !later; j++)
        later = startsRequest(rows[j]!) && repeatsAt(keys, j, bestPeriod) >= 2;
      if (later) {
        groups.push({ rows: [rows[i]!], repeat: 1 });
        i++;
        continue;
      }
    }
    groups.push({ rows: rows.slice(i, i + bestPeriod), repeat: bestRepeat });
    i += bestPeriod * bestRepeat;
  }
  return groups;
}

/** The two passes together: what the picture draws for one run. */
export function layoutRun(run: Run): Group[] {
  return groupRepeats(runLength(run.steps));
}

/** Reason names in the order the totals table lists them (by SDM basic exit reason number). */
export const exitReasonOrder = [
  "EXTERNAL_INTERRUPT",
  "HLT",
  "IO_INSTRUCTION",
  "EPT_VIOLATION",
  "EPT_MISCONFIG",
] as const;

/** SDM Vol. 3D Appendix C basic exit reason numbers of the reasons the model produces. */
export const exitReasonNumber: Readonly<Record<string, number>> = {
  EXTERNAL_INTERRUPT: 1,
  HLT: 12,
  IO_INSTRUCTION: 30,
  EPT_VIOLATION: 48,
  EPT_MISCONFIG: 49,
};

/** Swim lane a step's arrow starts from and ends at (the same lane: a mark on that lane). */
export function stepLanes(step: Step): { from: Lane; to: Lane } {
  switch (step.type) {
    case "exit":
      return { from: "vcpu", to: step.toUser !== undefined ? "device" : "kvm" };
    case "ata":
      return { from: "device", to: "device" };
    case "file":
      return { from: "device", to: "file" };
    case "eventfd":
      return { from: "kvm", to: "device" };
    case "used":
      return { from: "device", to: "device" };
    case "irq":
      return { from: "kvm", to: "vcpu" };
  }
}

export function hex(n: number): string {
  return `0x${n.toString(16)}`;
}

/**
 * The language-neutral part of a step's label: reason names, mnemonics,
 * ports and addresses are the same in every language.
 */
export function accessText(access: ExitAccess): string {
  if (access.dir === "write") return `mov → ${hex(access.gpa ?? 0)}`;
  const port = hex(access.port ?? 0);
  if (access.batched) return `rep ${access.dir}sw ${port} (${access.bytes} B)`;
  const suffix = access.bytes === 2 ? "w" : access.bytes === 4 ? "l" : "b";
  return `${access.dir}${suffix} ${port}`;
}
