import { VirtualClock, type Microseconds } from "../core/clock";
import { EventBus } from "../core/events";
import { SeededRandom } from "../core/rng";
import { SysError } from "../core/errno";
import { ProcessTable } from "./process";
import { Vfs, type DeviceIo } from "./vfs";
import { defaultMachine, type MachineConfig } from "./machine";
import { procFiles } from "./procfs";

export interface HostEvents extends Record<string, unknown> {
  /** A command started or finished in a shell on this host. */
  "shell.command": { line: string; status?: number; atUs: number };
}

/**
 * A simulated Linux host: one clock, one file tree, one process table, and the
 * models mounted into it. Shells run on a host; islands on the same page share
 * it through a lab.
 */
export class Host {
  readonly config: MachineConfig;
  readonly clock: VirtualClock;
  readonly vfs: Vfs;
  readonly processes = new ProcessTable();
  readonly bus = new EventBus<HostEvents>();
  readonly rng: SeededRandom;
  /** The pid whose view /proc/self shows (set by the shell around each command). */
  currentPid = 1;
  readonly #wakes = new Map<number, Microseconds>();
  #nextWake = 1;
  #stopRequested = false;

  /** `clock`: a guest VM shares its host's clock, so time is one time across both. */
  constructor(config: Partial<MachineConfig> = {}, options: { clock?: VirtualClock } = {}) {
    this.clock = options.clock ?? new VirtualClock();
    this.config = { ...defaultMachine, ...config };
    this.rng = new SeededRandom(this.config.seed);
    this.vfs = new Vfs(() => this.clock.nowUs);
    this.processes.spawn({
      comm: "systemd",
      args: ["/sbin/init"],
      ppid: 0,
      nowUs: 0,
      cgroup: "init.scope",
      pid: 1,
    });
    this.#buildTree();
  }

  /**
   * Waits `us` of simulated time. Resolves true when the time has passed, false
   * when `signal` aborts first. Whoever drives the clock (the shell, while it
   * waits for a foreground job) stops at each wake so the waiter can react.
   */
  sleep(us: Microseconds, signal?: AbortSignal): Promise<boolean> {
    return this.sleepUntil(this.clock.nowUs + Math.max(0, us), signal);
  }

  sleepUntil(atUs: Microseconds, signal?: AbortSignal): Promise<boolean> {
    if (signal?.aborted) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      const wakeId = this.#nextWake++;
      this.#wakes.set(wakeId, atUs);
      const onAbort = (): void => {
        this.clock.cancel(timer);
        this.#wakes.delete(wakeId);
        resolve(false);
      };
      const timer = this.clock.at(atUs, () => {
        this.#wakes.delete(wakeId);
        signal?.removeEventListener("abort", onAbort);
        this.notify();
        resolve(true);
      });
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  /** Earliest simulated time somebody is waiting for. */
  nextWakeUs(): Microseconds | undefined {
    let min: Microseconds | undefined;
    for (const at of this.#wakes.values()) if (min === undefined || at < min) min = at;
    return min;
  }

  /** A model event resolved something a command waits for: stop the clock run here. */
  notify(): void {
    this.#stopRequested = true;
  }

  takeStopRequest(): boolean {
    const requested = this.#stopRequested;
    this.#stopRequested = false;
    return requested;
  }

  /** Wall-clock time of the simulated present (ms since the epoch), for `date` and `ls -l`. */
  epochMs(atUs: Microseconds = this.clock.nowUs): number {
    return this.config.bootEpochMs + Math.floor(atUs / 1000);
  }

  #buildTree(): void {
    const v = this.vfs;
    for (const dir of [
      "/bin",
      "/usr/bin",
      "/usr/sbin",
      "/sbin",
      "/etc",
      "/var/log",
      "/var/lib",
      "/root",
      "/home",
    ]) {
      v.install(dir, v.newDir());
    }
    const tmp = v.newDir(0o1777);
    v.install("/tmp", tmp);
    v.install("/etc/hostname", v.newFile(`${this.config.hostname}\n`));
    v.install(
      "/etc/os-release",
      v.newFile(
        [
          'PRETTY_NAME="Debian GNU/Linux 13 (trixie)"',
          'NAME="Debian GNU/Linux"',
          'VERSION_ID="13"',
          "ID=debian",
          "",
        ].join("\n"),
      ),
    );
    v.install("/root/README", v.newFile(readme));
    v.install("/proc", v.newDir(0o555, procFiles(this)));
    v.install("/sys", v.newDir(0o555));
    v.install("/sys/fs", v.newDir(0o555));
    v.install("/sys/kernel", v.newDir(0o555));
    v.install("/dev", v.newDir());
    v.install("/dev/null", v.newDevice("chardev", 1, 3, devNull, 0o666));
    v.install("/dev/zero", v.newDevice("chardev", 1, 5, devZero, 0o666));
    v.install("/dev/urandom", v.newDevice("chardev", 1, 9, this.#devRandom(), 0o666));
    v.install("/dev/random", v.newDevice("chardev", 1, 8, this.#devRandom(), 0o666));
    v.install("/dev/full", v.newDevice("chardev", 1, 7, devFull, 0o666));
  }

  #devRandom(): DeviceIo {
    return {
      read: (_offset, length) => {
        const out = new Uint8Array(length);
        for (let i = 0; i < length; i++) out[i] = this.rng.nextUint32() & 0xff;
        return out;
      },
      write: () => undefined,
    };
  }
}

const readme = `This is a simulated Linux host that runs inside the page.
Try: uname -a, nproc, cat /proc/cpuinfo, ls -l /proc, help
`;

const devNull: DeviceIo = {
  size: 0,
  read: () => new Uint8Array(0),
  write: () => undefined,
};

const devZero: DeviceIo = {
  read: (_offset, length) => new Uint8Array(length),
  write: () => undefined,
};

// drivers/char/mem.c write_full(): every write fails with ENOSPC.
const devFull: DeviceIo = {
  read: (_offset, length) => new Uint8Array(length),
  write: () => {
    throw new SysError("ENOSPC");
  },
};
