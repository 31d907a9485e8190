import { SysError } from "../../../core/errno";
import { CgroupHost, type Proc, type ProcExit } from "../../../cgroup/host";
import type { WorkloadCommon } from "../../../cgroup/workloads";
import type { Host } from "../../../host/host";
import type { ProcessTable, SimProcess } from "../../../host/process";
import { signals } from "../../../host/process";
import type { DirNode, DirProvider, Node } from "../../../host/vfs";
import { registerSysctl } from "../../../host/procfs";
import type { CommandContext } from "../../command";

/**
 * The glue between the shell's process table and the cgroup model: one table
 * of processes (every shell-side process is "attached" to the model so it
 * shows in cgroup.procs and can be moved; model workers get their pids from
 * the host's ProcessTable so `ps` and `kill` see them), and cgroupfs mounted
 * at /sys/fs/cgroup.
 */
export class CgroupModel {
  readonly host: Host;
  readonly cg: CgroupHost;
  /** Pids of shell processes the OOM killer must not end (the shell itself). */
  readonly #shellComms = new Set(["bash"]);
  readonly #nodes = new Map<string, Node>();
  /** taskset of shell-side processes; model workers keep theirs on their threads. */
  readonly affinity = new Map<number, readonly number[]>();

  constructor(host: Host) {
    this.host = host;
    this.cg = new CgroupHost({
      clock: host.clock,
      cpus: host.config.cpus,
      memoryBytes: host.config.memoryBytes,
    });
    // A systemd host: cpu, io, memory and pids delegated from the root and in system.slice,
    // init.scope for pid 1, the console's login session under user.slice.
    this.cg.writeFile("", "cgroup.subtree_control", "+cpuset +cpu +io +memory +pids");
    for (const g of ["init.scope", "system.slice", "user.slice", "user.slice/user-0.slice"]) this.cg.mkdir(g);
    this.cg.mkdir("user.slice/user-0.slice/session-1.scope");
    this.cg.writeFile("system.slice", "cgroup.subtree_control", "+cpu +io +memory +pids");
    this.cg.writeFile("user.slice", "cgroup.subtree_control", "+cpu +io +memory +pids");
    this.cg.writeFile("user.slice/user-0.slice", "cgroup.subtree_control", "+cpu +io +memory +pids");
  }

  /** Makes the model's process list and the shell's agree; the model owns cgroup membership. */
  sync(): void {
    const table = this.host.processes;
    for (const p of table.list()) {
      let proc = this.cg.procs.get(p.pid);
      if (proc === undefined) {
        const path = this.cg.exists(p.cgroup) ? p.cgroup : "";
        proc = this.cg.attachProcess(p.pid, p.comm, path, (exit) => this.#attachedExited(p, exit));
      }
      p.cgroup = proc.cgroup.path.slice(1);
    }
    for (const proc of [...this.cg.procs.values()]) {
      if (table.get(proc.pid) === undefined) this.cg.detachProcess(proc.pid);
    }
  }

  /** The OOM killer (memory.oom.group) or a kill from the model ended a shell-side process. */
  #attachedExited(p: SimProcess, exit: ProcExit): void {
    if (exit.kind !== "killed" || this.#shellComms.has(p.comm)) return;
    this.host.processes.kill(p.pid, exit.signal);
    this.host.notify();
  }

  /** ps and /proc read a worker's CPU time, memory and state from the model as they are now. */
  #liveStats(sim: SimProcess): void {
    const proc = (): Proc | undefined => this.cg.procs.get(sim.pid);
    Object.defineProperties(sim, {
      cpuUs: {
        get: () => {
          const p = proc();
          if (p === undefined) return 0;
          this.cg.sched.sync();
          return Math.floor(p.threads.reduce((n, t) => n + t.cpuUs, 0));
        },
        set: () => undefined,
      },
      rssBytes: { get: () => proc()?.rssBytes ?? 0, set: () => undefined },
      state: {
        get: () => (proc()?.threads.some((t) => t.state === "runnable") === true ? "R" : "S"),
        set: () => undefined,
      },
    });
  }

  /** Cgroup path (no leading slash) of a process. */
  cgroupOf(pid: number): string {
    this.sync();
    return this.cg.procs.get(pid)?.cgroup.path.slice(1) ?? "";
  }

  /** echo PID > cgroup.procs, with the shell's table following. */
  move(pid: number, path: string): void {
    this.sync();
    this.cg.moveProcess(pid, path);
    this.sync();
  }

  // ---- cgroupfs ------------------------------------------------------------

  mount(): void {
    const v = this.host.vfs;
    v.install("/sys/fs/cgroup", this.dir(""));
    // The model's disks as block device nodes (sd: major 8), each with its first partition.
    for (const d of this.cg.devices) {
      const io = {
        size: d.sizeBytes,
        read: (_o: number, n: number) => new Uint8Array(n),
        write: () => undefined,
      };
      v.install(`/dev/${d.name}`, v.newDevice("blockdev", d.major, d.minor, io, 0o660));
      v.install(`/dev/${d.name}1`, v.newDevice("blockdev", d.major, d.minor + 1, io, 0o660));
    }
    // kernel/sched/fair.c sysctl_sched_cfs_bandwidth_slice, /proc/sys/kernel/sched_cfs_bandwidth_slice_us.
    registerSysctl(this.host, "kernel/sched_cfs_bandwidth_slice_us", {
      read: () => this.cg.sysctl.get("kernel.sched_cfs_bandwidth_slice_us"),
      write: (text) => this.cg.sysctl.set("kernel.sched_cfs_bandwidth_slice_us", text),
    });
  }

  dir(path: string): DirNode {
    const key = `d:${path}`;
    const cached = this.#nodes.get(key);
    if (cached !== undefined && cached.kind === "dir") return cached;
    const node = this.host.vfs.newDir(0o755, this.#provider(path));
    this.#nodes.set(key, node);
    return node;
  }

  #provider(path: string): DirProvider {
    const join = (name: string): string => (path === "" ? name : `${path}/${name}`);
    return {
      list: () => {
        if (!this.cg.exists(path)) return [];
        this.sync();
        const { files, children } = this.cg.listGroup(path);
        return [...files, ...children];
      },
      lookup: (name) => {
        if (!this.cg.exists(path)) return undefined;
        const { files, children } = this.cg.listGroup(path);
        if (children.includes(name)) return this.dir(join(name));
        if (!files.includes(name)) return undefined;
        const key = `f:${path}/${name}`;
        const cached = this.#nodes.get(key);
        if (cached !== undefined) return cached;
        const readOnly = readOnlyFiles.has(name);
        const node = this.host.vfs.newGenerated(
          () => {
            this.sync();
            return this.cg.readFile(path, name);
          },
          readOnly
            ? undefined
            : (text) => {
                this.sync();
                try {
                  this.cg.writeFile(path, name, text);
                } finally {
                  this.sync();
                }
              },
          readOnly ? 0o444 : 0o644,
        );
        this.#nodes.set(key, node);
        return node;
      },
      mkdir: (name) => {
        if (!this.cg.exists(path)) throw new SysError("ENOENT");
        this.cg.mkdir(join(name));
      },
      rmdir: (name) => {
        this.sync();
        this.cg.rmdir(join(name));
        for (const k of [...this.#nodes.keys()])
          if (k === `d:${join(name)}` || k.startsWith(`f:${join(name)}/`)) this.#nodes.delete(k);
      },
    };
  }

  // ---- workloads -------------------------------------------------------------

  /**
   * Starts model processes for a command and waits for them: pids from the
   * host's table (children of the command), `kill PID` ends one, Ctrl-C or a
   * kill of the command ends them all at the current instant. `restart`
   * decides whether a worker that died is replaced (stress-ng's OOM-able
   * stressors). Resolves with every exit.
   */
  async runWorkers(
    ctx: CommandContext,
    comm: string,
    start: (common: WorkloadCommon, restarted: boolean) => Proc[],
    options: { deadlineUs?: number; restart?: (exit: ProcExit) => boolean } = {},
  ): Promise<{ exits: ProcExit[]; interrupted: boolean }> {
    this.sync();
    const table: ProcessTable = this.host.processes;
    const cgroup = this.cgroupOf(ctx.pid);
    const exits: ProcExit[] = [];
    const live = new Set<number>();
    let wake: (() => void) | undefined;
    const common: WorkloadCommon = {
      host: this.cg,
      cgroup,
      name: comm,
      ...(this.affinity.has(ctx.pid) ? { affinity: this.affinity.get(ctx.pid)! } : {}),
      allocPid: () => {
        const sim = table.spawn({
          comm,
          args: [...ctx.argv],
          ppid: ctx.pid,
          nowUs: this.host.clock.nowUs,
          cgroup,
        });
        this.#liveStats(sim);
        return sim.pid;
      },
      onExit: (exit, pid) => {
        table.exit(pid);
        live.delete(pid);
        exits.push(exit);
        if (!ctx.signal.aborted && options.restart?.(exit) === true) launch(true);
        this.host.notify();
        wake?.();
      },
      ...(options.deadlineUs === undefined ? {} : { timeoutUs: options.deadlineUs - this.host.clock.nowUs }),
    };
    const launch = (restarted: boolean): void => {
      const procs = start(
        options.deadlineUs === undefined
          ? common
          : { ...common, timeoutUs: Math.max(0, options.deadlineUs - this.host.clock.nowUs) },
        restarted,
      );
      for (const p of procs) {
        if (!this.cg.procs.has(p.pid)) continue;
        live.add(p.pid);
        const sim = table.get(p.pid);
        // stress-ng names its workers after the stressor (stress_set_proc_name): ps shows that.
        if (sim !== undefined) Object.assign(sim, { comm: p.name.slice(0, 15), args: [p.name] });
        sim?.abort.signal.addEventListener(
          "abort",
          () => {
            if (this.cg.procs.has(p.pid)) this.cg.killProcess(p.pid, "signal");
          },
          { once: true },
        );
      }
      this.sync();
    };
    launch(false);
    while (live.size > 0 && !ctx.signal.aborted) {
      const local = new AbortController();
      const signal = AbortSignal.any([ctx.signal, local.signal]);
      const now = this.host.clock.nowUs;
      const step =
        options.deadlineUs !== undefined && options.deadlineUs > now ? options.deadlineUs - now : 100_000;
      const woken = new Promise<void>((resolve) => (wake = resolve));
      await Promise.race([this.host.sleep(step, signal), woken]);
      local.abort();
      wake = undefined;
    }
    const interrupted = ctx.signal.aborted;
    // Whatever else the kernel does at this instant (a period timer expiring with the
    // workers' exit) happens before the parent returns to the shell.
    this.host.clock.runUntil(this.host.clock.nowUs);
    for (const pid of [...live]) if (this.cg.procs.has(pid)) this.cg.killProcess(pid, "signal");
    this.sync();
    return { exits, interrupted };
  }
}

/** Interface files without a write handler in the kernel (cftype without .write). */
const readOnlyFiles = new Set([
  "cgroup.controllers",
  "cgroup.events",
  "cpu.stat",
  "memory.current",
  "memory.events",
  "memory.events.local",
  "memory.stat",
  "io.stat",
]);

const models = new WeakMap<ProcessTable, CgroupModel>();

/** The model of a host (`ctx.host` is a per-process view: key on its process table). */
export function cgroupModel(host: Host): CgroupModel | undefined {
  return models.get(host.processes);
}

export function attachCgroupModel(host: Host): CgroupModel {
  const m = new CgroupModel(host);
  models.set(host.processes, m);
  m.mount();
  return m;
}

export const sigKill = signals.KILL;
