import { isSysError, SysError } from "../core/errno";
import type { Host } from "../host/host";
import type { Vfs } from "../host/vfs";
import { signals } from "../host/process";
import { format, strerror, type MessageKey, type ShellLang } from "../i18n/catalog";
import type { Command, Pipeline, Redirect, Script, SimpleCommand, Word, WordPart } from "./ast";
import type { CommandContext, CommandRegistry, CommandSpec } from "./command";
import { printUsage } from "./usage";
import {
  BrokenPipe,
  Collector,
  emptyInput,
  OutputLimitReached,
  Pipe,
  Signalled,
  stringInput,
  type InputStream,
  type OutputStream,
} from "./io";
import { parse, ShellSyntaxError } from "./parse";
import { ArithError, evaluateArithmetic } from "./arith";
import { globMatch, hasGlob } from "./glob";
import { complete, type CompletionResult } from "./complete";
import { immediatePacer, type Pacer } from "../core/pacer";

/** Each command's output to the terminal stops here, and says so (issue: a `yes` must not freeze the tab). */
export const terminalOutputLimitBytes = 256 * 1024;
/** History kept, as bash's HISTSIZE default. */
const historySize = 500;

export interface Terminal {
  /** Text for the screen ("\n" line ends; the console turns them into CRLF). */
  write(text: string): void;
  /** ANSI colour allowed (a TTY or the page), never for piped CLI output. */
  readonly colour: boolean;
  /** Terminal width for column layouts (ls); 80 when unknown. */
  columns?(): number;
}

export interface ShellOptions {
  host: Host;
  registry: CommandRegistry;
  terminal: Terminal;
  lang?: ShellLang;
  pacer?: Pacer;
  /** Lets pending promise chains run before the clock moves (setImmediate / MessageChannel). */
  yieldToTasks?: () => Promise<void>;
  user?: string;
  /** Called by `reset` to rebuild the scenario's starting state. */
  onReset?: () => void;
  /** Called by `exit`: the CLI ends, the page starts a new login, a guest returns to its host. */
  onExit?: (status: number) => void;
  /** The console this shell runs in: lets a command hand the terminal to another shell (a guest VM's). */
  session?: SessionControl;
}

/** The terminal's current owner: `qemu-system-x86_64` enters a guest shell, `poweroff` leaves it. */
export interface SessionControl {
  enter(shell: Shell): void;
  leave(shell: Shell): void;
  readonly active: Shell;
}

export type JobState = "running" | "done";

export interface Job {
  readonly id: number;
  readonly line: string;
  readonly pids: number[];
  state: JobState;
  status: number;
  readonly controller: AbortController;
  readonly done: Promise<number>;
  notified: boolean;
}

interface ExecEnv {
  vars: Map<string, { value: string; exported: boolean }>;
  cwd: string;
}

interface Fds {
  0: InputStream;
  1: OutputStream;
  2: OutputStream;
}

const defaultYield = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export class Shell {
  readonly host: Host;
  readonly registry: CommandRegistry;
  readonly terminal: Terminal;
  lang: ShellLang;
  pacer: Pacer;
  readonly user: string;
  readonly pid: number;
  readonly history: string[] = [];
  lastStatus = 0;
  lastBackgroundPid: number | undefined;
  readonly jobs = new Map<number, Job>();
  #env: ExecEnv;
  #foreground: AbortController | undefined;
  readonly #yield: () => Promise<void>;
  readonly #onReset: (() => void) | undefined;
  readonly #onExit: ((status: number) => void) | undefined;
  /** The console's session control (absent for a shell with no console). */
  readonly session: SessionControl | undefined;
  /** What a child shell (a guest's) needs to run on the same terminal. */
  readonly options: ShellOptions;

  constructor(options: ShellOptions) {
    this.host = options.host;
    this.registry = options.registry;
    this.terminal = options.terminal;
    this.lang = options.lang ?? "en";
    this.pacer = options.pacer ?? immediatePacer;
    this.user = options.user ?? "root";
    this.#yield = options.yieldToTasks ?? defaultYield;
    this.#onReset = options.onReset;
    this.#onExit = options.onExit;
    this.session = options.session;
    this.options = options;
    const proc = this.host.processes.spawn({
      comm: "bash",
      args: ["-bash"],
      ppid: 1,
      nowUs: this.host.clock.nowUs,
      cgroup: "user.slice/user-0.slice/session-1.scope",
    });
    this.pid = proc.pid;
    const home = this.user === "root" ? "/root" : `/home/${this.user}`;
    this.#env = { vars: new Map(), cwd: home };
    const initial: Record<string, string> = {
      HOME: home,
      USER: this.user,
      LOGNAME: this.user,
      SHELL: "/bin/bash",
      PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
      PWD: home,
      TERM: "xterm-256color",
      LANG: this.lang === "ko" ? "ko_KR.UTF-8" : "en_US.UTF-8",
      HOSTNAME: this.host.config.hostname,
    };
    for (const [k, v] of Object.entries(initial))
      this.#env.vars.set(k, { value: v, exported: k !== "HOSTNAME" });
  }

  get cwd(): string {
    return this.#env.cwd;
  }

  t(key: MessageKey, params?: Record<string, string | number>): string {
    return format(this.lang, key, params);
  }

  getVar(name: string): string | undefined {
    return this.#env.vars.get(name)?.value;
  }

  setVar(name: string, value: string, exported?: boolean): void {
    const old = this.#env.vars.get(name);
    this.#env.vars.set(name, { value, exported: exported ?? old?.exported ?? false });
  }

  unsetVar(name: string): void {
    this.#env.vars.delete(name);
  }

  exportVar(name: string): void {
    const old = this.#env.vars.get(name);
    this.#env.vars.set(name, { value: old?.value ?? "", exported: true });
  }

  exportedEnv(): Map<string, string> {
    const env = new Map<string, string>();
    for (const [k, v] of this.#env.vars) if (v.exported) env.set(k, v.value);
    return env;
  }

  setCwd(path: string): void {
    this.#env.cwd = path;
    this.setVar("PWD", path);
  }

  /** The prompt as Debian's default bashrc shows it: user@host:dir# (colour on a terminal). */
  prompt(): string {
    const home = this.getVar("HOME") ?? "/root";
    const cwd = this.#env.cwd;
    const dir = cwd === home ? "~" : cwd.startsWith(home + "/") ? "~" + cwd.slice(home.length) : cwd;
    const mark = this.user === "root" ? "#" : "$";
    const who = `${this.user}@${this.host.config.hostname}`;
    if (!this.terminal.colour) return `${who}:${dir}${mark} `;
    return `\x1b[1;32m${who}\x1b[0m:\x1b[1;34m${dir}\x1b[0m${mark} `;
  }

  /** Ctrl-C: SIGINT to the foreground job. */
  interrupt(): void {
    this.#foreground?.abort(signals.INT);
  }

  get busy(): boolean {
    return this.#foreground !== undefined;
  }

  complete(line: string, cursor: number): CompletionResult {
    return complete(this, line, cursor);
  }

  requestExit(status: number): void {
    this.#onExit?.(status);
  }

  /** Resets to the scenario's start (the `reset` command). */
  reset(): void {
    this.#onReset?.();
  }

  /**
   * Runs one line as typed at the prompt: adds it to history, parses, runs
   * the foreground part while driving simulated time, then reports finished
   * background jobs, as bash does before its next prompt.
   */
  async run(line: string): Promise<number> {
    const trimmed = line.trim();
    if (trimmed !== "") {
      this.history.push(line.replace(/\n+$/, ""));
      if (this.history.length > historySize) this.history.splice(0, this.history.length - historySize);
    }
    let script: Script;
    try {
      script = parse(line);
    } catch (e) {
      if (e instanceof ShellSyntaxError) {
        this.terminal.write(`bash: ${this.#syntaxMessage(e)}\n`);
        // bash: a syntax error is status 2; a bad substitution is found at expansion time, status 1.
        this.lastStatus = e.kind === "bad-substitution" ? 1 : 2;
        return this.lastStatus;
      }
      throw e;
    }
    this.host.bus.emit("shell.command", { line, atUs: this.host.clock.nowUs });
    const status = await this.#runScript(script, line);
    this.lastStatus = status;
    this.#reportJobs();
    this.host.bus.emit("shell.command", { line, status, atUs: this.host.clock.nowUs });
    return status;
  }

  #syntaxMessage(e: ShellSyntaxError): string {
    switch (e.kind) {
      case "unexpected-token":
        return this.t("shell.syntaxToken", { token: e.token });
      case "unexpected-eof":
        return this.t("shell.syntaxEof", { token: e.token });
      case "too-deep":
        return this.t("shell.tooDeep");
      case "bad-substitution":
        return this.t("shell.badSubst", { word: e.token });
      default:
        return this.t("shell.syntaxEnd");
    }
  }

  async #runScript(script: Script, source: string): Promise<number> {
    let status = this.lastStatus;
    for (const item of script.items) {
      if (item.background) {
        await this.#startBackground(item.command, source);
        status = 0;
        this.lastStatus = 0;
        continue;
      }
      const controller = new AbortController();
      this.#foreground = controller;
      try {
        const work = this.#runAndOr(item.command, this.#terminalFds(), this.#env, controller.signal);
        status = await this.driveUntil(work, controller.signal);
      } finally {
        this.#foreground = undefined;
      }
      this.lastStatus = status;
      if (status > 128 && status !== 128 + signals.INT && status !== 128 + signals.PIPE) {
        const sig = status - 128;
        if (sig === signals.KILL) this.terminal.write(`${this.t("shell.killed")}\n`);
        else if (sig === signals.TERM) this.terminal.write(`${this.t("shell.terminated")}\n`);
      }
      if (controller.signal.aborted && controller.signal.reason === signals.INT) {
        // bash abandons the rest of the line after SIGINT.
        break;
      }
    }
    return status;
  }

  /**
   * Waits for `work` while moving simulated time forward: yield so pending
   * promise chains run, then advance the clock to the next instant somebody
   * waits for (stopping early when a model event wakes a waiter). This is the
   * only place time moves, so a job's 60 simulated seconds cost what their
   * events cost, and Ctrl-C stops the clock where it is.
   */
  async driveUntil<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
    let settled = false;
    const tracked = work.finally(() => {
      settled = true;
    });
    // A rejected `work` is reported by `await tracked` below; keep the runtime quiet meanwhile.
    tracked.catch(() => undefined);
    for (;;) {
      await this.#yield();
      if (settled) break;
      if (signal.aborted) {
        // Let the job unwind from the abort at the current instant.
        await this.#yield();
        if (settled) break;
      }
      const target = this.host.nextWakeUs();
      if (target === undefined) {
        // Nothing scheduled will wake the job: it waits on other promises only.
        await Promise.race([
          tracked.then(
            () => undefined,
            () => undefined,
          ),
          abortPromise(signal),
        ]);
        if (settled) break;
        await this.#yield();
        if (settled) break;
        continue;
      }
      this.host.takeStopRequest();
      await this.pacer.advance(this.host.clock, target, () => signal.aborted || this.host.takeStopRequest());
    }
    return tracked;
  }

  #terminalFds(): Fds {
    const out = this.#limitedTerminal("");
    return { 0: emptyInput, 1: out, 2: out };
  }

  #limitedTerminal(name: string): OutputStream {
    let written = 0;
    let stopped = false;
    const terminal = this.terminal;
    const limitNotice = (): string =>
      this.t("shell.outputLimit", { name: name || "command", bytes: terminalOutputLimitBytes });
    return {
      isTerminal: true,
      write(text: string): Promise<void> {
        if (stopped) return Promise.reject(new OutputLimitReached());
        if (written + text.length > terminalOutputLimitBytes) {
          const room = terminalOutputLimitBytes - written;
          terminal.write(text.slice(0, Math.max(0, room)));
          stopped = true;
          terminal.write(`\n${limitNotice()}\n`);
          return Promise.reject(new OutputLimitReached());
        }
        written += text.length;
        terminal.write(text);
        return Promise.resolve();
      },
    };
  }

  #startBackground(andOr: Script["items"][number]["command"], source: string): Promise<void> {
    const id = this.#nextJobId();
    const controller = new AbortController();
    const pids: number[] = [];
    const out = this.#limitedTerminal("");
    const done = this.#runAndOr(
      andOr,
      { 0: emptyInput, 1: out, 2: out },
      cloneEnv(this.#env),
      controller.signal,
      pids,
    );
    const job: Job = {
      id,
      line: jobText(source, andOr),
      pids,
      state: "running",
      status: 0,
      controller,
      done,
      notified: false,
    };
    this.jobs.set(id, job);
    void done.then(
      (status) => {
        job.state = "done";
        job.status = status;
      },
      () => {
        job.state = "done";
        job.status = 1;
      },
    );
    return this.#announceBackground(job);
  }

  /** bash prints "[1] PID" once the job's first process exists (its words are expanded first). */
  async #announceBackground(job: Job): Promise<void> {
    for (let i = 0; i < 64 && job.pids.length === 0 && job.state === "running"; i++) await Promise.resolve();
    const pid = job.pids[0] ?? this.pid;
    this.lastBackgroundPid = pid;
    this.terminal.write(`[${job.id}] ${pid}\n`);
  }

  #nextJobId(): number {
    let id = 1;
    while (this.jobs.has(id)) id++;
    return id;
  }

  /** bash's jobs.c pretty_print_job: "[1]+  Done                    sleep 1". */
  formatJob(job: Job, current: boolean): string {
    const mark = current ? "+" : this.#previousJobId() === job.id ? "-" : " ";
    return `[${job.id}]${mark}  ${this.jobStateText(job).padEnd(24)}${job.line}${job.state === "running" ? " &" : ""}`;
  }

  jobStateText(job: Job): string {
    if (job.state === "running") return this.t("shell.jobRunning");
    if (job.status === 0) return this.t("shell.jobDone");
    if (job.status === 128 + signals.KILL) return this.t("shell.jobKilled");
    if (job.status === 128 + signals.TERM) return this.t("shell.jobTerminated");
    if (job.status === 128 + signals.INT) return this.t("shell.jobInterrupted");
    return this.t("shell.jobExit", { code: job.status });
  }

  currentJobId(): number | undefined {
    const ids = [...this.jobs.keys()];
    return ids.at(-1);
  }

  #previousJobId(): number | undefined {
    const ids = [...this.jobs.keys()];
    return ids.at(-2);
  }

  #reportJobs(): void {
    for (const job of [...this.jobs.values()]) {
      if (job.state !== "done") continue;
      this.terminal.write(`${this.formatJob(job, job.id === this.currentJobId())}\n`);
      this.jobs.delete(job.id);
    }
  }

  /** Resolves a job spec (%1, %%, %+, %-, %name) for jobs, fg, kill, wait. */
  findJob(spec: string): Job | undefined {
    if (spec === "%%" || spec === "%+" || spec === "%") {
      const id = this.currentJobId();
      return id === undefined ? undefined : this.jobs.get(id);
    }
    if (spec === "%-") {
      const id = this.#previousJobId();
      return id === undefined ? undefined : this.jobs.get(id);
    }
    const n = /^%([0-9]+)$/.exec(spec);
    if (n !== null) return this.jobs.get(Number(n[1]));
    const prefix = spec.slice(1);
    return [...this.jobs.values()].find((j) => j.line.startsWith(prefix));
  }

  /** Brings a job to the foreground and waits for it (fg, wait). */
  async waitForJob(job: Job, signal: AbortSignal): Promise<number> {
    const onAbort = (): void => job.controller.abort(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    try {
      const status = await this.driveUntil(job.done, signal);
      job.state = "done";
      job.status = status;
      this.jobs.delete(job.id);
      return status;
    } finally {
      signal.removeEventListener("abort", onAbort);
    }
  }

  async #runAndOr(
    andOr: Script["items"][number]["command"],
    fds: Fds,
    env: ExecEnv,
    signal: AbortSignal,
    pids?: number[],
  ): Promise<number> {
    let status = await this.#runPipeline(andOr.first, fds, env, signal, pids);
    for (const { op, pipeline } of andOr.rest) {
      if (signal.aborted) break;
      if ((op === "&&" && status === 0) || (op === "||" && status !== 0)) {
        status = await this.#runPipeline(pipeline, fds, env, signal, pids);
      }
    }
    return status;
  }

  async #runPipeline(
    pipeline: Pipeline,
    fds: Fds,
    env: ExecEnv,
    signal: AbortSignal,
    pids?: number[],
  ): Promise<number> {
    const n = pipeline.commands.length;
    let status: number;
    if (n === 0) {
      status = 0;
    } else if (n === 1) {
      status = await this.#runCommand(pipeline.commands[0]!, fds, env, signal, pids);
    } else {
      const pipes = Array.from({ length: n - 1 }, () => new Pipe());
      const runs = pipeline.commands.map(async (command, i) => {
        const input = i === 0 ? fds[0] : pipes[i - 1]!.reader;
        const output = i === n - 1 ? fds[1] : pipes[i]!.writer;
        // Each element of a pipeline runs in a subshell (bash), so its variables do not leak.
        try {
          return await this.#runCommand(
            command,
            { 0: input, 1: output, 2: fds[2] },
            cloneEnv(env),
            signal,
            pids,
          );
        } finally {
          if (i < n - 1) pipes[i]!.writer.close();
          if (i > 0) pipes[i - 1]!.reader.close();
        }
      });
      const statuses = await Promise.all(runs);
      status = statuses[n - 1]!;
    }
    if (pipeline.negated) status = status === 0 ? 1 : 0;
    return status;
  }

  async #runCommand(
    command: Command,
    fds: Fds,
    env: ExecEnv,
    signal: AbortSignal,
    pids?: number[],
  ): Promise<number> {
    if (signal.aborted) return 128 + signalNumber(signal);
    if (command.kind === "subshell") {
      const redirected = await this.#applyRedirects(command.redirects, fds, env, signal);
      if (typeof redirected === "number") return redirected;
      const sub = cloneEnv(env);
      let status = 0;
      for (const item of command.body.items) {
        status = await this.#runAndOr(item.command, redirected, sub, signal, pids);
      }
      return status;
    }
    return this.#runSimple(command, fds, env, signal, pids);
  }

  async #runSimple(
    cmd: SimpleCommand,
    fds: Fds,
    env: ExecEnv,
    signal: AbortSignal,
    pids?: number[],
  ): Promise<number> {
    const argv: string[] = [];
    try {
      for (const word of cmd.words) argv.push(...(await this.#expandWord(word, env, signal)));
    } catch (e) {
      return this.#expansionFailure(e, fds);
    }
    const assigned: [string, string][] = [];
    try {
      for (const a of cmd.assignments)
        assigned.push([a.name, (await this.#expandWord(a.value, env, signal, false)).join("")]);
    } catch (e) {
      return this.#expansionFailure(e, fds);
    }
    if (argv.length === 0) {
      // Bare assignments set shell variables; redirections alone still create/truncate files.
      for (const [name, value] of assigned) {
        const old = env.vars.get(name);
        env.vars.set(name, { value, exported: old?.exported ?? false });
      }
      const redirected = await this.#applyRedirects(cmd.redirects, fds, env, signal);
      return typeof redirected === "number" ? redirected : 0;
    }
    const redirected = await this.#applyRedirects(cmd.redirects, fds, env, signal);
    if (typeof redirected === "number") return redirected;
    const name = argv[0]!;
    const spec = this.#resolve(name);
    if (spec === undefined) {
      await redirected[2].write(`bash: ${this.t("shell.notFound", { name })}\n`).catch(() => undefined);
      return 127;
    }
    const childEnv = new Map<string, string>();
    for (const [k, v] of env.vars) if (v.exported) childEnv.set(k, v.value);
    for (const [k, v] of assigned) childEnv.set(k, v);
    return this.#exec(spec, argv, redirected, env, childEnv, signal, pids);
  }

  #resolve(name: string): CommandSpec | undefined {
    if (name.includes("/")) {
      const base = name.slice(name.lastIndexOf("/") + 1);
      const spec = this.registry.get(base);
      if (spec === undefined || spec.builtin === true) return undefined;
      const path = name.startsWith("/") ? name : `${this.#env.cwd}/${name}`;
      return this.host.vfs.tryLookup(path, this.#env.cwd) === undefined ? undefined : spec;
    }
    return this.registry.get(name);
  }

  async #exec(
    spec: CommandSpec,
    argv: string[],
    fds: Fds,
    env: ExecEnv,
    childEnv: Map<string, string>,
    jobSignal: AbortSignal,
    pids?: number[],
  ): Promise<number> {
    const proc =
      spec.builtin === true
        ? undefined
        : this.host.processes.spawn({
            comm: spec.name,
            args: argv,
            ppid: this.pid,
            nowUs: this.host.clock.nowUs,
            cgroup: this.host.processes.get(this.pid)?.cgroup ?? "",
          });
    if (proc !== undefined) pids?.push(proc.pid);
    const signal = proc === undefined ? jobSignal : AbortSignal.any([jobSignal, proc.abort.signal]);
    const lang = this.lang;
    const name = argv[0]!;
    const guardedOut = guardOutput(fds[1], signal);
    const guardedErr = guardOutput(fds[2], signal);
    const ctx: CommandContext = {
      argv,
      stdin: fds[0],
      stdout: guardedOut,
      stderr: guardedErr,
      host: this.host,
      fs: processView(this.host, proc?.pid ?? this.pid),
      shell: this,
      lang,
      signal,
      pid: proc?.pid ?? this.pid,
      env: childEnv,
      cwd: env.cwd,
      t: (key, params) => format(lang, key, params),
      error: (message) => guardedErr.write(`${name}: ${message}\n`).catch(() => undefined),
      sleep: (us) => this.host.sleep(us, signal),
    };
    const previousPid = this.host.currentPid;
    this.host.currentPid = ctx.pid;
    try {
      if (spec.noHelpOption !== true && wantsHelp(argv)) {
        await printUsage(ctx, spec);
        return 0;
      }
      const status = await spec.run(ctx);
      if (signal.aborted) return 128 + signalNumber(signal);
      return status;
    } catch (e) {
      if (signal.aborted || e instanceof Signalled)
        return 128 + (e instanceof Signalled ? e.signal : signalNumber(signal));
      if (e instanceof BrokenPipe) return 128 + signals.PIPE;
      if (e instanceof OutputLimitReached) return 128 + signals.PIPE;
      if (isSysError(e)) {
        // A failed write(2) to stdout: coreutils and bash builtins report "write error".
        await guardedErr
          .write(
            `${spec.builtin === true ? "bash: " : ""}${this.t("shell.writeError", { name, error: strerror(lang, e.errno) })}\n`,
          )
          .catch(() => undefined);
        return 1;
      }
      // A bug in a command must never break the page: report and fail like a crashed process.
      await guardedErr
        .write(
          `${this.t("shell.internalError", { name, detail: e instanceof Error ? e.message : String(e) })}\n`,
        )
        .catch(() => undefined);
      return 1;
    } finally {
      this.host.currentPid = previousPid;
      if (proc !== undefined) this.host.processes.exit(proc.pid);
    }
  }

  async #expansionFailure(e: unknown, fds: Fds): Promise<number> {
    if (e instanceof ExpansionError) {
      await fds[2].write(`bash: ${e.message}\n`).catch(() => undefined);
      return 1;
    }
    if (e instanceof Signalled) return 128 + e.signal;
    throw e;
  }

  async #applyRedirects(
    redirects: readonly Redirect[],
    fds: Fds,
    env: ExecEnv,
    signal: AbortSignal,
  ): Promise<Fds | number> {
    const out: Fds = { ...fds };
    for (const r of redirects) {
      let fields: string[];
      try {
        fields = await this.#expandWord(r.target, env, signal);
      } catch (e) {
        return this.#expansionFailure(e, fds);
      }
      if (fields.length !== 1) {
        await fds[2]
          .write(`bash: ${this.t("shell.ambiguous", { word: wordSource(r.target) })}\n`)
          .catch(() => undefined);
        return 1;
      }
      const target = fields[0]!;
      if (r.fd !== 0 && r.fd !== 1 && r.fd !== 2) continue; // other descriptors: accepted, unused
      if (r.op === ">&" || r.op === "<&") {
        if (target === "-") continue;
        const from = Number(target);
        if (!/^[0-9]+$/.test(target) || (from !== 0 && from !== 1 && from !== 2)) {
          await fds[2].write(`bash: ${target}: ${strerror(this.lang, "EBADF")}\n`).catch(() => undefined);
          return 1;
        }
        if (r.fd === 0) out[0] = from === 0 ? out[0] : emptyInput;
        else out[r.fd] = from === 0 ? out[r.fd] : out[from];
        continue;
      }
      try {
        if (r.op === "<") {
          const data = this.host.vfs.readFile(target, env.cwd, 8 << 20);
          if (r.fd === 0) out[0] = stringInput(new TextDecoder().decode(data));
        } else {
          const stream = this.#fileOutput(target, env.cwd, r.op === ">>");
          if (r.fd === 0) continue;
          out[r.fd] = stream;
        }
      } catch (e) {
        if (!isSysError(e)) throw e;
        await fds[2].write(`bash: ${target}: ${strerror(this.lang, e.errno)}\n`).catch(() => undefined);
        return 1;
      }
    }
    return out;
  }

  /** open(O_CREAT|O_TRUNC or O_APPEND) now; each later write is one write(2) to the file or to the model behind it. */
  #fileOutput(path: string, cwd: string, append: boolean): OutputStream {
    const vfs = this.host.vfs;
    let node = vfs.tryLookup(path, cwd);
    if (node === undefined) node = vfs.create(path, cwd);
    if (node.kind === "dir") throw new SysError("EISDIR");
    if (node.kind === "file" && node.data !== undefined && !append) node.data.truncate(0);
    if (node.kind === "file" && node.generated !== undefined && node.generated.write === undefined) {
      throw new SysError("EACCES");
    }
    const target = node;
    const encoder = new TextEncoder();
    const now = (): number => this.host.clock.nowUs;
    return {
      isTerminal: false,
      write(text: string): Promise<void> {
        if (target.kind === "file" && target.data !== undefined) {
          target.data.write(target.data.size, encoder.encode(text));
          target.mtimeUs = now();
          return Promise.resolve();
        }
        if (target.kind === "file") {
          target.generated.write?.(text);
          return Promise.resolve();
        }
        if (target.kind === "chardev" || target.kind === "blockdev")
          target.device.write(0, encoder.encode(text));
        return Promise.resolve();
      },
    };
  }

  /** Expands one word into fields: tilde, parameters, command substitution, splitting, globbing (bash(1) EXPANSION). */
  async #expandWord(word: Word, env: ExecEnv, signal: AbortSignal, split = true): Promise<string[]> {
    // Each field is a list of segments; `glob` marks text whose *?[ are pattern characters.
    type Seg = { text: string; glob: boolean };
    const fields: Seg[][] = [[]];
    let quotedSomething = false;
    const pushText = (text: string, quoted: boolean, splittable: boolean): void => {
      if (quoted) quotedSomething = true;
      if (!splittable || !split) {
        fields.at(-1)!.push({ text, glob: !quoted });
        return;
      }
      // IFS splitting with the default IFS (space, tab, newline).
      const pieces = text.split(/[ \t\n]+/);
      pieces.forEach((piece, i) => {
        if (i > 0) fields.push([]);
        if (piece !== "") fields.at(-1)!.push({ text: piece, glob: true });
      });
    };
    for (const part of word.parts) {
      switch (part.kind) {
        case "literal":
          pushText(part.text, part.quoted, false);
          break;
        case "tilde":
          pushText(env.vars.get("HOME")?.value ?? "/", true, false);
          break;
        case "param":
          pushText(this.#param(part.name, env), part.quoted, !part.quoted);
          break;
        case "arith":
          pushText(this.#arithmetic(part.text, env), part.quoted, !part.quoted);
          break;
        case "command": {
          const text = await this.#commandSubstitution(part, env, signal);
          pushText(text, part.quoted, !part.quoted);
          break;
        }
      }
    }
    const result: string[] = [];
    for (const segs of fields) {
      if (segs.length === 0) continue;
      const text = segs.map((s) => s.text).join("");
      if (split && segs.some((s) => s.glob && hasGlob(s.text))) {
        const pattern = segs.map((s) => (s.glob ? s.text : escapeGlob(s.text))).join("");
        const matches = globMatch(this.host.vfs, pattern, env.cwd);
        if (matches.length > 0) {
          result.push(...matches);
          continue;
        }
        result.push(text.replace(/\\([*?[\]\\])/g, "$1"));
        continue;
      }
      result.push(text);
    }
    if (result.length === 0 && quotedSomething) result.push("");
    if (!split) return [result.join(" ")];
    return result;
  }

  #arithmetic(text: string, env: ExecEnv): string {
    // Parameters inside the expression are expanded first ($x, ${x}, $?), then it is evaluated.
    const expanded = text.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*|[?$#!0-9])\}?/g, (_m, name: string) =>
      this.#param(name, env),
    );
    try {
      return String(evaluateArithmetic(expanded, (name) => env.vars.get(name)?.value));
    } catch (e) {
      if (!(e instanceof ArithError)) throw e;
      const key =
        e.reason === "divisionByZero"
          ? "shell.arithDivZero"
          : e.reason === "badBase"
            ? "shell.arithBase"
            : "shell.arithSyntax";
      throw new ExpansionError(this.t(key, { expr: expanded.trim(), token: e.token }));
    }
  }

  #param(name: string, env: ExecEnv): string {
    switch (name) {
      case "?":
        return String(this.lastStatus);
      case "$":
        return String(this.pid);
      case "!":
        return this.lastBackgroundPid === undefined ? "" : String(this.lastBackgroundPid);
      case "#":
        return "0";
      case "0":
        return "-bash";
      case "@":
      case "*":
        return "";
      case "RANDOM":
        return String(this.host.rng.int(0, 32767));
      case "SECONDS":
        return String(Math.floor(this.host.clock.nowUs / 1e6));
      default:
        if (/^[1-9]$/.test(name)) return "";
        return env.vars.get(name)?.value ?? "";
    }
  }

  async #commandSubstitution(
    part: Extract<WordPart, { kind: "command" }>,
    env: ExecEnv,
    signal: AbortSignal,
  ): Promise<string> {
    const collector = new Collector(1 << 20);
    const sub = cloneEnv(env);
    const errOut = this.#limitedTerminal("");
    let status = 0;
    for (const item of part.script.items) {
      try {
        status = await this.#runAndOr(item.command, { 0: emptyInput, 1: collector, 2: errOut }, sub, signal);
      } catch (e) {
        if (!(e instanceof OutputLimitReached)) throw e;
      }
    }
    this.lastStatus = status;
    if (signal.aborted) throw new Signalled(signalNumber(signal));
    // Trailing newlines are removed (bash(1) "Command Substitution").
    return collector.text().replace(/\n+$/, "");
  }
}

class ExpansionError extends Error {}

/**
 * The file tree as one process sees it: every call first makes this process
 * the current one, so /proc/self means the caller even when the commands of a
 * pipeline interleave.
 */
function processView(host: Host, pid: number): Vfs {
  return new Proxy(host.vfs, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== "function") return value;
      return (...args: unknown[]): unknown => {
        host.currentPid = pid;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

function abortPromise(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
}

function signalNumber(signal: AbortSignal): number {
  return typeof signal.reason === "number" ? signal.reason : signals.INT;
}

function cloneEnv(env: ExecEnv): ExecEnv {
  return { vars: new Map([...env.vars].map(([k, v]) => [k, { ...v }])), cwd: env.cwd };
}

function wantsHelp(argv: readonly string[]): boolean {
  for (const arg of argv.slice(1)) {
    if (arg === "--") return false;
    if (arg === "--help") return true;
  }
  return false;
}

/** Every write first checks for Ctrl-C / kill, so loops that only write still stop. */
function guardOutput(out: OutputStream, signal: AbortSignal): OutputStream {
  return {
    isTerminal: out.isTerminal,
    write(text: string): Promise<void> {
      if (signal.aborted) return Promise.reject(new Signalled(signalNumber(signal)));
      return out.write(text);
    },
  };
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, "\\$&");
}

function wordSource(word: Word): string {
  return word.parts
    .map((p) =>
      p.kind === "literal"
        ? p.text
        : p.kind === "param"
          ? `$${p.name}`
          : p.kind === "tilde"
            ? "~"
            : p.kind === "arith"
              ? `$((${p.text}))`
              : "$(…)",
    )
    .join("");
}

function jobText(source: string, andOr: Script["items"][number]["command"]): string {
  const words: string[] = [];
  const pipelineText = (p: Pipeline): string =>
    (p.negated ? "! " : "") +
    p.commands.map((c) => (c.kind === "simple" ? c.words.map(wordSource).join(" ") : "( … )")).join(" | ");
  words.push(pipelineText(andOr.first));
  for (const r of andOr.rest) words.push(r.op, pipelineText(r.pipeline));
  const text = words.join(" ").trim();
  return text === "" ? source.trim() : text;
}

export { ExpansionError };
