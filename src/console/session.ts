import {
  Lab,
  realtimePacer,
  immediatePacer,
  defaultPlaySpeed,
  type ShellLang,
  type FrameSource,
} from "@vmlab/sim";
import { LineEditor } from "./line-editor";

/** A command that finished at the prompt: what embeds report to their host page. */
export interface CommandRecord {
  readonly command: string;
  readonly status: number;
  /** Everything written to the terminal while it ran (colours included). */
  readonly output: string;
  /** Who sent it: the reader's keys, or `submit`'s caller ("script", "host"). */
  readonly origin: string;
  readonly id: string | undefined;
}

/** Longest output kept per command for `onCommand` listeners; the rest of a long run is not recorded. */
const maxRecordedOutputChars = 64 * 1024;

/** What the session needs from a terminal: xterm in the page, a fake screen in tests. */
export interface TerminalPort {
  write(data: string): void;
  columns(): number;
}

export interface ConsoleSessionOptions {
  lang: ShellLang;
  scenario: string;
  /** Commands replayed on screen before the reader types (the transcript the page showed). */
  replay: readonly string[];
  terminal: TerminalPort;
  /** Animation frames for playing simulated time; absent: runs finish at once. */
  frames?: FrameSource;
  /** Macrotask yield (MessageChannel in the page). */
  yieldToTasks?: () => Promise<void>;
}

/**
 * The console without the DOM: line editor in front, the lab's shell behind.
 * Keys go in through `feed`, screen bytes come out through the terminal port.
 * Output uses "\n"; the terminal converts to CRLF (xterm's convertEol).
 */
export class ConsoleSession {
  readonly lab: Lab;
  readonly editor: LineEditor;
  speed = defaultPlaySpeed;
  readonly #terminal: TerminalPort;
  readonly #options: ConsoleSessionOptions;
  #started = false;
  #disposed = false;
  /** Every command of this session in order (replay first): what Share encodes. */
  readonly log: string[] = [];
  #commandListeners = new Set<(record: CommandRecord) => void>();
  /** Lines from `submit` waiting for the prompt, in order. */
  #queue: { line: string; origin: string; id: string | undefined }[] = [];
  /** Set only while `submit` feeds a line, so `onAccept` knows where it came from. */
  #submitting: { origin: string; id: string | undefined } | undefined;
  /** Output of the running command, while one runs. */
  #capture: string | undefined;

  constructor(options: ConsoleSessionOptions) {
    this.#options = options;
    this.#terminal = options.terminal;
    const write = (text: string): void => {
      if (this.#capture !== undefined && this.#capture.length < maxRecordedOutputChars) this.#capture += text;
      this.#terminal.write(text);
    };
    const labOptions: ConstructorParameters<typeof Lab>[0] = {
      scenario: options.scenario,
      lang: options.lang,
      terminal: { colour: true, write, columns: () => this.#terminal.columns() },
      pacer: options.frames === undefined ? immediatePacer : realtimePacer(options.frames, () => this.speed),
      onExit: () => {
        // There is no terminal to close in a page: say so and start a fresh login, as a new tab would.
        write("logout\n");
        this.lab.shell.reset();
      },
    };
    if (options.yieldToTasks !== undefined) labOptions.yieldToTasks = options.yieldToTasks;
    this.lab = new Lab(labOptions);
    this.editor = new LineEditor({
      write,
      prompt: () => this.lab.active.prompt(),
      columns: () => this.#terminal.columns(),
      history: () => this.lab.active.history,
      complete: (line, cursor) => this.lab.active.complete(line, cursor),
      onAccept: (line) => {
        const from = this.#submitting ?? { origin: "reader", id: undefined };
        void this.#run(line, from.origin, from.id);
      },
      onInterrupt: () => {
        write("^C\n");
        this.lab.active.interrupt();
      },
    });
  }

  /** Replays the transcript on screen, then hands the prompt to the reader. */
  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    await this.lab.start();
    const savedPacer = this.lab.shell.pacer;
    // The replay shows what the page already showed: no need to play its time slowly.
    this.lab.shell.pacer = immediatePacer;
    for (const command of this.#options.replay) {
      this.#terminal.write(`${this.lab.active.prompt()}${command}\n`);
      this.log.push(command);
      await this.lab.active.run(command);
    }
    this.lab.shell.pacer = savedPacer;
    this.editor.start();
    this.#drain();
    if (this.#options.frames !== undefined) void this.#playBackground(this.#options.frames);
  }

  /**
   * At the prompt, background jobs still need time to pass (`stress-ng … &`
   * then `cat cpu.stat` a few times): while nothing runs in the foreground and
   * some job waits, simulated time plays at the reader's speed, from one frame
   * to the next, up to the next instant a job waits for.
   */
  async #playBackground(frames: FrameSource): Promise<void> {
    let last = await frames.nextFrame();
    while (!this.#disposed) {
      const now = await frames.nextFrame();
      const wallMs = Math.min(Math.max(now - last, 0), 100);
      last = now;
      const shell = this.lab.active;
      if (shell.busy) continue;
      const wakes = [this.lab.host.nextWakeUs(), shell.host.nextWakeUs()].filter((w) => w !== undefined);
      if (wakes.length === 0) continue;
      const clock = this.lab.host.clock;
      const step = Math.max(1, Math.round(wallMs * 1000 * this.speed));
      clock.runUntil(Math.min(Math.min(...wakes), clock.nowUs + step));
    }
  }

  dispose(): void {
    this.#disposed = true;
  }

  feed(data: string): void {
    this.editor.feed(data);
  }

  /** Runs a command as if typed (embeds, tests). */
  async type(line: string): Promise<number> {
    this.editor.feed(`${line}\r`);
    return this.#lastRun ?? Promise.resolve(this.lab.active.lastStatus);
  }

  /** Calls `listener` after each command the prompt accepted (typed, pasted or submitted) has finished. */
  onCommand(listener: (record: CommandRecord) => void): () => void {
    this.#commandListeners.add(listener);
    return () => this.#commandListeners.delete(listener);
  }

  /**
   * Types `line` at the next prompt on someone else's behalf (a scenario link,
   * the host page of an embed): queued behind the running command and behind
   * earlier submissions. If the reader has a half-typed line then, it moves to
   * the kill ring (Ctrl-E Ctrl-U), so Ctrl-Y brings it back. The caller makes
   * sure `line` holds no control characters: they would act as keys.
   */
  submit(line: string, origin: string, id?: string): void {
    this.#queue.push({ line, origin, id });
    this.#drain();
  }

  #drain(): void {
    while (this.#started && !this.#disposed && !this.editor.busy && this.#queue.length > 0) {
      const next = this.#queue.shift();
      if (next === undefined) return;
      const clear = this.editor.line === "" ? "" : "\x05\x15";
      this.#submitting = { origin: next.origin, id: next.id };
      try {
        this.editor.feed(`${clear}${next.line}\r`);
      } finally {
        this.#submitting = undefined;
      }
    }
  }

  /**
   * Back to the scenario's starting state, as the `reset` command does, but
   * from outside: the running command is interrupted, queued submissions are
   * dropped, the reader's line is cleared and the screen redrawn.
   */
  async reset(): Promise<void> {
    this.#queue = [];
    for (let i = 0; i < 1000 && (this.editor.busy || this.lab.active.busy); i++) {
      this.lab.active.interrupt();
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
    }
    this.lab.shell.reset();
    this.log.length = 0;
    // Ctrl-E Ctrl-U clears the line, Ctrl-L clears the screen and prints the new host's prompt.
    this.editor.feed("\x05\x15\x0c");
  }

  #lastRun: Promise<number> | undefined;

  async #run(line: string, origin = "reader", id?: string): Promise<number> {
    if (line.trim() !== "") this.log.push(line);
    this.#capture = "";
    const run = this.lab.active.run(line).catch((e: unknown) => {
      // Nothing may throw to the page: report like a crashed shell builtin and carry on.
      this.#terminal.write(
        `${this.lab.active.t("shell.internalError", { name: "bash", detail: e instanceof Error ? e.message : String(e) })}\n`,
      );
      return 1;
    });
    this.#lastRun = run;
    const status = await run;
    const output = this.#capture;
    this.#capture = undefined;
    const record: CommandRecord = { command: line, status, output, origin, id };
    for (const listener of this.#commandListeners) {
      // A host page's listener must never break the console.
      try {
        listener(record);
      } catch {
        /* ignored on purpose */
      }
    }
    this.editor.resume();
    this.#drain();
    return status;
  }
}
