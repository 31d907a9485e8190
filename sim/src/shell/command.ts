import type { Host } from "../host/host";
import type { Vfs } from "../host/vfs";
import type { Localized, MessageKey, ShellLang } from "../i18n/catalog";
import type { InputStream, OutputStream } from "./io";
import type { Shell } from "./shell";

/** One option as `man` and `--help` print it, and as Tab completes it. */
export interface OptionSpec {
  /** As written in help: "-l", "-n NUM, --lines=NUM". */
  readonly flags: string;
  readonly help: Localized;
}

export interface CommandContext {
  /** argv[0] is the name the command was invoked as. */
  readonly argv: readonly string[];
  readonly stdin: InputStream;
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  /** The real host (models keyed by it in a WeakMap find it). */
  readonly host: Host;
  /**
   * The host's file tree as this process sees it: every call makes this
   * process the current one first, so /proc/self is the caller even when the
   * commands of a pipeline interleave. Prefer it to `host.vfs`.
   */
  readonly fs: Vfs;
  readonly shell: Shell;
  readonly lang: ShellLang;
  /** Aborted by Ctrl-C or kill; `signal.reason` is the signal number. */
  readonly signal: AbortSignal;
  readonly pid: number;
  /** Environment as the command sees it (exported variables plus `VAR=value cmd` assignments). */
  readonly env: ReadonlyMap<string, string>;
  readonly cwd: string;
  /** Localized message. */
  t(key: MessageKey, params?: Record<string, string | number>): string;
  /** Writes `name: message\n` to stderr. */
  error(message: string): Promise<void>;
  /** Waits simulated time; false when interrupted. */
  sleep(us: number): Promise<boolean>;
}

export interface CommandSpec {
  readonly name: string;
  /** "ls [OPTION]... [FILE]..." — never translated. */
  readonly synopsis: string;
  readonly summary: Localized;
  readonly description?: Localized;
  readonly options?: readonly OptionSpec[];
  /** Runs inside the shell process (cd, export, jobs…). */
  readonly builtin?: boolean;
  /** `echo --help` prints "--help": the generic --help handling is off. */
  readonly noHelpOption?: boolean;
  /** Where the binary lives on the host (`which`), for non-builtins. Default /usr/bin. */
  readonly dir?: string;
  run(ctx: CommandContext): Promise<number>;
}

export class CommandRegistry {
  readonly #commands = new Map<string, CommandSpec>();

  add(...specs: CommandSpec[]): void {
    for (const spec of specs) this.#commands.set(spec.name, spec);
  }

  get(name: string): CommandSpec | undefined {
    return this.#commands.get(name);
  }

  names(): string[] {
    return [...this.#commands.keys()].sort();
  }

  all(): CommandSpec[] {
    return this.names().map((n) => this.#commands.get(n)!);
  }
}
