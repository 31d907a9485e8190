/**
 * The process table: what `ps`, `kill`, `jobs` and /proc see. A simulated
 * process is a running command (or the shell itself); killing one aborts the
 * command's work at the current simulated instant.
 */

/** Signal numbers from include/uapi/asm-generic/signal.h (x86 uses these). */
export const signals = {
  HUP: 1,
  INT: 2,
  QUIT: 3,
  KILL: 9,
  USR1: 10,
  SEGV: 11,
  USR2: 12,
  PIPE: 13,
  ALRM: 14,
  TERM: 15,
  CHLD: 17,
  CONT: 18,
  STOP: 19,
  TSTP: 20,
} as const;

export type SignalName = keyof typeof signals;

export function signalByNumber(n: number): SignalName | undefined {
  return (Object.keys(signals) as SignalName[]).find((k) => signals[k] === n);
}

export type ProcessState = "R" | "S" | "D" | "Z";

export interface SimProcess {
  readonly pid: number;
  readonly ppid: number;
  readonly comm: string;
  readonly args: readonly string[];
  readonly startUs: number;
  state: ProcessState;
  /** cgroup v2 path relative to the root, e.g. "user.slice/user-0.slice/session-1.scope". */
  cgroup: string;
  /** Threads, for /proc/<pid>/status and ps -L. */
  threads: number;
  /** Resident anonymous memory in bytes (models update it). */
  rssBytes: number;
  /** CPU time consumed in µs (models update it). */
  cpuUs: number;
  /** Aborted when the process receives a fatal signal. */
  readonly abort: AbortController;
  /** Uid 0: the console's user is root on the simulated host. */
  readonly uid: number;
}

export class ProcessTable {
  readonly #procs = new Map<number, SimProcess>();
  #nextPid: number;

  constructor(firstPid = 1000) {
    this.#nextPid = firstPid;
  }

  spawn(init: {
    comm: string;
    args: readonly string[];
    ppid: number;
    nowUs: number;
    cgroup: string;
    pid?: number;
  }): SimProcess {
    const pid = init.pid ?? this.#nextPid++;
    const proc: SimProcess = {
      pid,
      ppid: init.ppid,
      comm: init.comm.slice(0, 15), // TASK_COMM_LEN 16 including NUL
      args: init.args,
      startUs: init.nowUs,
      state: "R",
      cgroup: init.cgroup,
      threads: 1,
      rssBytes: 0,
      cpuUs: 0,
      abort: new AbortController(),
      uid: 0,
    };
    this.#procs.set(pid, proc);
    return proc;
  }

  exit(pid: number): void {
    this.#procs.delete(pid);
  }

  get(pid: number): SimProcess | undefined {
    return this.#procs.get(pid);
  }

  list(): SimProcess[] {
    return [...this.#procs.values()].sort((a, b) => a.pid - b.pid);
  }

  /** Sends a signal: fatal ones abort the process's work. */
  kill(pid: number, signal: number): boolean {
    const proc = this.#procs.get(pid);
    if (proc === undefined) return false;
    if (signal === 0) return true;
    if (signal === signals.CHLD || signal === signals.CONT) return true;
    proc.abort.abort(signal);
    return true;
  }
}
