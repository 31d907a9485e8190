/**
 * Byte streams between commands, as text. A pipe has a bounded buffer
 * (backpressure, like the kernel's 64 KiB pipe), a writer to a closed reader
 * gets EPIPE (and the command dies of SIGPIPE, status 141), and every write
 * checks for Ctrl-C, so a runaway `yes` stops at once.
 */

/** Pipe capacity: the default pipe buffer on Linux, 16 pages (pipe(7)). */
export const pipeCapacityBytes = 65536;

export class BrokenPipe extends Error {
  constructor() {
    super("EPIPE");
    this.name = "BrokenPipe";
  }
}

/** The job was signalled (Ctrl-C, kill); carries the signal number. */
export class Signalled extends Error {
  readonly signal: number;
  constructor(signal: number) {
    super(`signal ${signal}`);
    this.name = "Signalled";
    this.signal = signal;
  }
}

export class OutputLimitReached extends Error {
  constructor() {
    super("output limit");
    this.name = "OutputLimitReached";
  }
}

export interface OutputStream {
  write(text: string): Promise<void>;
  /** True when it ends at the terminal (colour, column layout). */
  readonly isTerminal: boolean;
}

export interface InputStream {
  /** Next chunk, or null at end of file. */
  read(): Promise<string | null>;
}

export async function readAll(input: InputStream, limitBytes = 8 << 20): Promise<string> {
  const parts: string[] = [];
  let size = 0;
  for (;;) {
    const chunk = await input.read();
    if (chunk === null) break;
    size += chunk.length;
    if (size > limitBytes) break;
    parts.push(chunk);
  }
  return parts.join("");
}

/** Reads lines (without the newline); a last line without newline is returned too. */
export async function* readLines(input: InputStream): AsyncGenerator<string> {
  let pending = "";
  for (;;) {
    const chunk = await input.read();
    if (chunk === null) break;
    pending += chunk;
    let nl = pending.indexOf("\n");
    while (nl >= 0) {
      yield pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      nl = pending.indexOf("\n");
    }
  }
  if (pending !== "") yield pending;
}

export const emptyInput: InputStream = {
  read: () => Promise.resolve(null),
};

export function stringInput(text: string): InputStream {
  let done = false;
  return {
    read() {
      if (done || text === "") return Promise.resolve(null);
      done = true;
      return Promise.resolve(text);
    },
  };
}

export class Pipe {
  readonly #chunks: string[] = [];
  #buffered = 0;
  #writerClosed = false;
  #readerClosed = false;
  #wakeReader: (() => void) | undefined;
  #wakeWriter: (() => void) | undefined;

  readonly writer: OutputStream & { close(): void } = {
    isTerminal: false,
    write: async (text: string) => {
      if (this.#readerClosed) throw new BrokenPipe();
      if (text === "") return;
      this.#chunks.push(text);
      this.#buffered += text.length;
      this.#wakeReader?.();
      while (this.#buffered > pipeCapacityBytes && !this.#readerClosed) {
        await new Promise<void>((resolve) => (this.#wakeWriter = resolve));
      }
      if (this.#readerClosed && this.#buffered > 0) throw new BrokenPipe();
    },
    close: () => {
      this.#writerClosed = true;
      this.#wakeReader?.();
    },
  };

  readonly reader: InputStream & { close(): void } = {
    read: async () => {
      while (this.#chunks.length === 0 && !this.#writerClosed) {
        await new Promise<void>((resolve) => (this.#wakeReader = resolve));
      }
      const chunk = this.#chunks.shift();
      if (chunk === undefined) return null;
      this.#buffered -= chunk.length;
      this.#wakeWriter?.();
      return chunk;
    },
    close: () => {
      this.#readerClosed = true;
      this.#chunks.length = 0;
      this.#buffered = 0;
      this.#wakeWriter?.();
    },
  };
}

/** Collects output in memory ($(...) and tests). */
export class Collector implements OutputStream {
  readonly isTerminal = false;
  readonly #parts: string[] = [];
  #size = 0;
  readonly #limit: number;

  constructor(limitBytes = 8 << 20) {
    this.#limit = limitBytes;
  }

  write(text: string): Promise<void> {
    if (this.#size + text.length > this.#limit) return Promise.reject(new OutputLimitReached());
    this.#parts.push(text);
    this.#size += text.length;
    return Promise.resolve();
  }

  text(): string {
    return this.#parts.join("");
  }
}
