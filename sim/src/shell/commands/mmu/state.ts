/**
 * One MMU per simulated host, and the demo process whose address space lives in it.
 *
 * The key is the host's process table, not the Host object: commands see their host through a
 * per-process proxy (shell.ts processView), while pictures get the real Host from the lab; both
 * reach the same `processes`.
 */
import { Mmu } from "../../../mmu/mmu";
import type { Host } from "../../../host/host";
import type { ProcessTable } from "../../../host/process";

/** A memory region of the demo process, as /proc/PID/maps lists it (mm/mmap.c vm_area_struct). */
export interface Vma {
  readonly start: bigint;
  readonly end: bigint;
  readonly read: boolean;
  readonly write: boolean;
  readonly exec: boolean;
  /** File offset of `start` (bytes), for file-backed regions. */
  readonly offset: number;
  /** Backed by /usr/bin/pagedemo (dev 08:01, the file's inode). */
  readonly file: boolean;
  /** [heap], [stack], [vdso]…; null for anonymous regions and the file's own (named by path). */
  readonly name: string | null;
  /** Pages the demo has touched (mapped in the page tables), counted from the start. */
  readonly touched: number;
  /** Touched from the end instead (the stack grows down). */
  readonly touchFromEnd?: boolean;
}

export const demoBinary = "/usr/bin/pagedemo";

/**
 * A small non-PIE x86-64 program's layout (text at 0x400000 as the x86-64 psABI's default
 * linker script puts it, heap after the data, an anonymous mmap and the stack high in the lower
 * half). Chosen away from the addresses the course's worked examples map (0x7f1234567000).
 */
export const demoVmas: readonly Vma[] = [
  {
    start: 0x400000n,
    end: 0x452000n,
    read: true,
    write: false,
    exec: true,
    offset: 0,
    file: true,
    name: null,
    touched: 2,
  },
  {
    start: 0x651000n,
    end: 0x652000n,
    read: true,
    write: false,
    exec: false,
    offset: 0x51000,
    file: true,
    name: null,
    touched: 1,
  },
  {
    start: 0x652000n,
    end: 0x655000n,
    read: true,
    write: true,
    exec: false,
    offset: 0x52000,
    file: true,
    name: null,
    touched: 1,
  },
  {
    start: 0x1e5f000n,
    end: 0x1e80000n,
    read: true,
    write: true,
    exec: false,
    offset: 0,
    file: false,
    name: "[heap]",
    touched: 4,
  },
  {
    start: 0x7f3a1c000000n,
    end: 0x7f3a1c010000n,
    read: true,
    write: true,
    exec: false,
    offset: 0,
    file: false,
    name: null,
    touched: 2,
  },
  {
    start: 0x7ffc8a9d2000n,
    end: 0x7ffc8a9f3000n,
    read: true,
    write: true,
    exec: false,
    offset: 0,
    file: false,
    name: "[stack]",
    touched: 2,
    touchFromEnd: true,
  },
  {
    start: 0x7ffc8a9fa000n,
    end: 0x7ffc8a9fc000n,
    read: true,
    write: false,
    exec: true,
    offset: 0,
    file: false,
    name: "[vdso]",
    touched: 1,
  },
];

/** Guest-physical frames of the demo's pages: from 16 MiB up, clear of the tables the MMU allocates from the top. */
const demoFramesBase = 0x1000000;

export interface DemoProcess {
  readonly pid: number;
  /** CR3 of its address space (follows `mmu levels`, which rebuilds the tables). */
  cr3: number;
  readonly vmas: readonly Vma[];
  /** Inode of /usr/bin/pagedemo, as maps prints it. */
  readonly ino: number;
}

export interface MmuLab {
  mmu: Mmu;
  demo: DemoProcess | null;
}

const labs = new WeakMap<ProcessTable, MmuLab>();

/** The MMU of a host (undefined on hosts whose scenario has no MMU). */
export function mmuOf(host: Host): Mmu | undefined {
  return labs.get(host.processes)?.mmu;
}

export function mmuLabOf(host: Host): MmuLab | undefined {
  return labs.get(host.processes);
}

/** Maps the demo's touched pages into `mmu`'s current address space; returns the pages mapped. */
function populate(mmu: Mmu, vmas: readonly Vma[]): number {
  let frame = demoFramesBase;
  let pages = 0;
  for (const vma of vmas) {
    const count = Number((vma.end - vma.start) / 4096n);
    for (let i = 0; i < Math.min(vma.touched, count); i++) {
      const page = vma.touchFromEnd === true ? count - 1 - i : i;
      mmu.map(vma.start + BigInt(page) * 4096n, frame, 4096, {
        user: true,
        writable: vma.write,
        noExec: !vma.exec,
      });
      frame += 4096;
      pages++;
    }
  }
  mmu.resetStats();
  return pages;
}

/** Creates the host's MMU and its demo process (`pagedemo`, sleeping), as the mmu scenario's setup does. */
export function attachMmu(host: Host, options: { demo?: boolean } = {}): MmuLab {
  const mmu = new Mmu();
  const lab: MmuLab = { mmu, demo: null };
  labs.set(host.processes, lab);
  if (options.demo === false) return lab;
  if (host.vfs.tryLookup(demoBinary) === undefined) {
    host.vfs.install(demoBinary, host.vfs.newFile("#!ELF simulated pagedemo\n", 0o755));
  }
  const ino = host.vfs.lookup(demoBinary).ino;
  const proc = host.processes.spawn({
    comm: "pagedemo",
    args: [demoBinary],
    ppid: 1,
    nowUs: host.clock.nowUs,
    cgroup: "user.slice/user-0.slice/session-1.scope",
  });
  proc.state = "S";
  // A fatal signal ends it (the table keeps a process until somebody removes it).
  proc.abort.signal.addEventListener("abort", () => host.processes.exit(proc.pid), { once: true });
  const pages = populate(mmu, demoVmas);
  proc.rssBytes = pages * 4096;
  lab.demo = { pid: proc.pid, cr3: mmu.cr3, vmas: demoVmas, ino };
  return lab;
}

/**
 * `mmu reset`: a fresh MMU on the same event bus (pictures stay subscribed and get a "reset"
 * event), with the demo's pages mapped again.
 */
export function resetMmu(host: Host): Mmu {
  const lab = labs.get(host.processes);
  const mmu = new Mmu(lab === undefined ? {} : { events: lab.mmu.events });
  if (lab === undefined) {
    labs.set(host.processes, { mmu, demo: null });
    return mmu;
  }
  lab.mmu = mmu;
  if (lab.demo !== null) {
    populate(mmu, lab.demo.vmas);
    lab.demo.cr3 = mmu.cr3;
  }
  mmu.events.emit("reset", null);
  return mmu;
}
