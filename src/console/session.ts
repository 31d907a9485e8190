import {
  Lab,
  realtimePacer,
  immediatePacer,
  defaultPlaySpeed,
  type ShellLang,
  type FrameSource,
} from "@vmlab/sim";
import { LineEditor } from "./line-editor";

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

  constructor(options: ConsoleSessionOptions) {
    this.#options = options;
    this.#terminal = options.terminal;
    const write = (text: string): void => this.#terminal.write(text);
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
        void this.#run(line);
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
      await this.lab.active.run(command);
    }
    this.lab.shell.pacer = savedPacer;
    this.editor.start();
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

  #lastRun: Promise<number> | undefined;

  async #run(line: string): Promise<number> {
    const run = this.lab.active.run(line).catch((e: unknown) => {
      // Nothing may throw to the page: report like a crashed shell builtin and carry on.
      this.#terminal.write(
        `${this.lab.active.t("shell.internalError", { name: "bash", detail: e instanceof Error ? e.message : String(e) })}\n`,
      );
      return 1;
    });
    this.#lastRun = run;
    const status = await run;
    this.editor.resume();
    return status;
  }
}
