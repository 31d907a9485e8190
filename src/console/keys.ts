// Terminal input decoder: the strings xterm.js delivers through onData (or a TTY in raw mode) in,
// editing keys out. Pure TypeScript, no DOM.
//
// The escape-sequence grammar is ECMA-48 §5.4 (CSI: parameter bytes 0x30–0x3F, intermediate bytes
// 0x20–0x2F, final byte 0x40–0x7E) with the state machine of the DEC-compatible parser described at
// vt100.net/emu/dec_ansi_parser: C0 controls inside a sequence are executed, CAN/SUB abort it, ESC
// restarts it; OSC/DCS/SOS/PM/APC strings run until ST (ESC \) or BEL. Key encodings are xterm's
// (ctlseqs "PC-Style Function Keys": ESC[A…, ESCOA… in application cursor mode, ESC[1;5C with a
// modifier parameter 1 + (shift 1 | alt 2 | ctrl 4), ESC[3~ Delete, ESC[1~/7~ Home, ESC[4~/8~ End;
// "Bracketed Paste Mode": ESC[200~ … ESC[201~). The key bindings are readline's emacs defaults
// (readline(3) "DEFAULT KEY BINDINGS"), ESC + key being Meta-key.
//
// The decoder is incremental: a sequence split across any number of chunks is decoded once all of
// it has arrived, in time linear in the input.

export type KeyName =
  | "left" // C-b, ←
  | "right" // C-f, →
  | "wordLeft" // M-b, C-←, M-←
  | "wordRight" // M-f, C-→, M-→
  | "home" // C-a, Home
  | "end" // C-e, End
  | "up" // C-p, ↑
  | "down" // C-n, ↓
  | "backspace" // DEL, C-h
  | "delete" // Delete (ESC[3~)
  | "deleteOrEof" // C-d
  | "enter" // CR, LF (CR LF counts once)
  | "tab" // C-i
  | "interrupt" // C-c
  | "killToStart" // C-u (unix-line-discard)
  | "killToEnd" // C-k (kill-line)
  | "killWordBack" // C-w (unix-word-rubout: whitespace-delimited)
  | "killAlnumWordBack" // M-DEL (backward-kill-word)
  | "killWordForward" // M-d (kill-word)
  | "yank" // C-y
  | "clearScreen"; // C-l

export type Key =
  { readonly kind: "text"; readonly text: string } | { readonly kind: "key"; readonly name: KeyName };

// readline emacs_standard_keymap for the C0 controls the editor implements; others are ignored.
const controlKeys: ReadonlyMap<number, KeyName> = new Map<number, KeyName>([
  [0x01, "home"],
  [0x02, "left"],
  [0x03, "interrupt"],
  [0x04, "deleteOrEof"],
  [0x05, "end"],
  [0x06, "right"],
  [0x08, "backspace"],
  [0x09, "tab"],
  [0x0a, "enter"],
  [0x0b, "killToEnd"],
  [0x0c, "clearScreen"],
  [0x0d, "enter"],
  [0x0e, "down"],
  [0x10, "up"],
  [0x15, "killToStart"],
  [0x17, "killWordBack"],
  [0x19, "yank"],
  [0x7f, "backspace"],
]);

// Meta (ESC-prefixed) printable keys, readline emacs_meta_keymap.
const metaKeys: ReadonlyMap<string, KeyName> = new Map<string, KeyName>([
  ["b", "wordLeft"],
  ["f", "wordRight"],
  ["d", "killWordForward"],
]);

const ESC = 0x1b;
const CAN = 0x18;
const SUB = 0x1a;
const BEL = 0x07;
/** Longest text run returned by one next() call: bounds the cost of one editor step. */
const maxTextRun = 4096;
/** Parameter/intermediate bytes kept per sequence; the rest is consumed and forgotten. */
const maxParamBytes = 32;

type State = "ground" | "escape" | "csi" | "ss3" | "string" | "stringEscape";

export class KeyDecoder {
  private buffer = "";
  private offset = 0;
  private state: State = "ground";
  private params = "";
  private intermediates = "";
  private afterCarriageReturn = false;
  /** Buffer index below which no ETX (C-c) byte exists: keeps the interrupt scan linear. */
  private scannedForInterrupt = 0;
  private bracketedPaste = false;

  /** Whether the input is inside ESC[200~ … ESC[201~. */
  get inPaste(): boolean {
    return this.bracketedPaste;
  }

  /** Characters received but not yet decoded. */
  get pendingLength(): number {
    return this.buffer.length - this.offset;
  }

  push(data: string): void {
    if (data.length === 0) return;
    if (this.offset > 0 && this.offset * 2 >= this.buffer.length) {
      this.scannedForInterrupt = Math.max(0, this.scannedForInterrupt - this.offset);
      this.buffer = this.buffer.slice(this.offset);
      this.offset = 0;
    }
    this.buffer += data;
  }

  /**
   * Drop everything not yet decoded up to and including the first C-c (ETX), as the tty driver
   * flushes its input queue when ISIG turns ^C into SIGINT (termios(3): "flush the input and output
   * queues" unless NOFLSH). Returns false when no C-c is pending.
   */
  takeInterrupt(): boolean {
    const from = Math.max(this.offset, this.scannedForInterrupt);
    const at = this.buffer.indexOf("\x03", from);
    if (at < 0) {
      this.scannedForInterrupt = this.buffer.length;
      return false;
    }
    this.buffer = this.buffer.slice(at + 1);
    this.offset = 0;
    this.scannedForInterrupt = 0;
    this.resetState();
    return true;
  }

  /** Forget undecoded input and any half-read sequence or paste. */
  reset(): void {
    this.buffer = "";
    this.offset = 0;
    this.scannedForInterrupt = 0;
    this.resetState();
  }

  /** Leave bracketed-paste mode (C-c at the prompt: the way out of a paste that never ended). */
  endPaste(): void {
    this.bracketedPaste = false;
  }

  private resetState(): void {
    this.state = "ground";
    this.params = "";
    this.intermediates = "";
    this.afterCarriageReturn = false;
    this.bracketedPaste = false;
  }

  /** The next complete key, or undefined when the pending input holds none (yet). */
  next(): Key | undefined {
    const buf = this.buffer;
    while (this.offset < buf.length) {
      const c = buf.charCodeAt(this.offset);
      switch (this.state) {
        case "ground": {
          if (c === ESC) {
            this.offset++;
            this.afterCarriageReturn = false;
            this.state = "escape";
            continue;
          }
          if (c < 0x20 || c === 0x7f) {
            this.offset++;
            const key = this.control(c);
            if (key) return key;
            continue;
          }
          if (c >= 0x80 && c < 0xa0) {
            // C1 controls: xterm.js never sends them in UTF-16 onData; drop.
            this.offset++;
            this.afterCarriageReturn = false;
            continue;
          }
          const text = this.textRun();
          if (text === undefined) return undefined; // a high surrogate waits for its pair
          this.afterCarriageReturn = false;
          if (text.length > 0) return { kind: "text", text };
          continue;
        }
        case "escape": {
          this.offset++;
          if (c === 0x5b /* [ */) {
            this.state = "csi";
            this.params = "";
            this.intermediates = "";
          } else if (c === 0x4f /* O */) {
            this.state = "ss3";
            this.params = "";
          } else if (c === 0x5d || c === 0x50 || c === 0x58 || c === 0x5e || c === 0x5f) {
            // OSC ] DCS P SOS X PM ^ APC _: control strings, consumed up to ST.
            this.state = "string";
          } else if (c === ESC) {
            // ESC ESC: the first one is a Meta prefix with nothing bound; the second starts over.
          } else if (c === 0x7f || c === 0x08) {
            this.state = "ground";
            if (!this.bracketedPaste) return { kind: "key", name: "killAlnumWordBack" };
          } else if (c < 0x20 || c >= 0x80) {
            // Meta + control or non-ASCII: drop the ESC, decode the character on its own.
            this.offset--;
            this.state = "ground";
          } else {
            this.state = "ground";
            const name = metaKeys.get(String.fromCharCode(c));
            if (name && !this.bracketedPaste) return { kind: "key", name };
          }
          continue;
        }
        case "csi":
        case "ss3": {
          if (c >= 0x40 && c <= 0x7e) {
            this.offset++;
            const key = this.state === "csi" ? this.dispatchCsi(c) : this.dispatchSs3(c);
            this.state = "ground";
            if (key && !this.bracketedPaste) return key;
            continue;
          }
          if (c >= 0x20 && c <= 0x3f) {
            this.offset++;
            if (c >= 0x30) {
              if (this.params.length < maxParamBytes) this.params += String.fromCharCode(c);
            } else if (this.intermediates.length < maxParamBytes) {
              this.intermediates += String.fromCharCode(c);
            }
            continue;
          }
          if (c === ESC) {
            this.offset++;
            this.state = "escape";
            continue;
          }
          if (c === CAN || c === SUB) {
            this.offset++;
            this.state = "ground";
            continue;
          }
          if (c < 0x20) {
            // C0 inside a sequence is executed and the sequence goes on.
            this.offset++;
            const key = this.control(c);
            if (key) return key;
            continue;
          }
          if (c === 0x7f) {
            this.offset++;
            continue;
          }
          // Malformed: a non-ASCII character ends the sequence and is decoded on its own.
          this.state = "ground";
          continue;
        }
        case "string": {
          // Skip to the terminator in one step.
          let i = this.offset;
          while (i < buf.length) {
            const d = buf.charCodeAt(i);
            if (d === BEL || d === ESC || d === CAN || d === SUB || d === 0x9c) break;
            i++;
          }
          this.offset = i;
          if (i >= buf.length) continue;
          this.offset++;
          const d = buf.charCodeAt(i);
          this.state = d === ESC ? "stringEscape" : "ground";
          continue;
        }
        case "stringEscape": {
          if (c === 0x5c /* \ */) {
            this.offset++;
            this.state = "ground";
          } else {
            // Not ST: the ESC begins a new sequence.
            this.state = "escape";
          }
          continue;
        }
      }
    }
    return undefined;
  }

  private control(c: number): Key | undefined {
    const afterCr = this.afterCarriageReturn;
    this.afterCarriageReturn = c === 0x0d;
    // CR LF from a paste or a cooked-mode sender is one Enter.
    if (c === 0x0a && afterCr) return undefined;
    if (this.bracketedPaste) {
      // Pasted text is inserted, not interpreted: only line ends (still submitting, line by line),
      // C-c (the tty's ISIG acts on pasted bytes too) and Tab (as a space) matter.
      if (c === 0x0d || c === 0x0a) return { kind: "key", name: "enter" };
      if (c === 0x03) return { kind: "key", name: "interrupt" };
      if (c === 0x09) return { kind: "text", text: " " };
      return undefined;
    }
    const name = controlKeys.get(c);
    return name ? { kind: "key", name } : undefined;
  }

  /** A run of printable text from the current offset; undefined when it must wait for more input. */
  private textRun(): string | undefined {
    const buf = this.buffer;
    const start = this.offset;
    let i = start;
    let clean = true;
    const limit = Math.min(buf.length, start + maxTextRun);
    while (i < limit) {
      const c = buf.charCodeAt(i);
      if (c < 0x20 || c === 0x7f || (c >= 0x80 && c < 0xa0)) break;
      if (c >= 0xd800 && c <= 0xdbff) {
        if (i + 1 >= buf.length) {
          if (i === start) return undefined;
          break;
        }
        const d = buf.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          i += 2;
          continue;
        }
        clean = false;
      } else if (c >= 0xdc00 && c <= 0xdfff) {
        clean = false;
      }
      i++;
    }
    this.offset = i;
    const run = buf.slice(start, i);
    // Lone surrogates become U+FFFD (the WHATWG UTF-16 → UTF-8 rule), so the line stays well formed.
    return clean ? run : run.toWellFormed();
  }

  private dispatchCsi(final: number): Key | undefined {
    if (this.intermediates.length > 0) return undefined;
    const params = this.params;
    // Private parameter strings (<, =, >, ?) are reports or mouse events, never editing keys.
    if (/^[<=>?]/.test(params)) return undefined;
    const fields = params.split(";");
    const first = fields[0] === "" || fields[0] === undefined ? 1 : Number(fields[0]);
    const modifier = fields[1] === undefined || fields[1] === "" ? 1 : Number(fields[1]);
    // xterm modifier parameter: 1 + (shift 1 | alt 2 | ctrl 4 | meta 8).
    const wordwise = modifier > 1 && ((modifier - 1) & 0b1110) !== 0;
    switch (final) {
      case 0x41: // A
        return key("up");
      case 0x42: // B
        return key("down");
      case 0x43: // C
        return key(wordwise ? "wordRight" : "right");
      case 0x44: // D
        return key(wordwise ? "wordLeft" : "left");
      case 0x48: // H
        return key("home");
      case 0x46: // F
        return key("end");
      case 0x7e: // ~
        switch (first) {
          case 1:
          case 7:
            return key("home");
          case 4:
          case 8:
            return key("end");
          case 3:
            return key(wordwise ? "killWordForward" : "delete");
          case 200:
            this.bracketedPaste = true;
            return undefined;
          case 201:
            // Leaving paste mode must happen even though keys are suppressed inside a paste.
            this.bracketedPaste = false;
            return undefined;
          default:
            return undefined;
        }
      default:
        return undefined;
    }
  }

  private dispatchSs3(final: number): Key | undefined {
    switch (final) {
      case 0x41:
        return key("up");
      case 0x42:
        return key("down");
      case 0x43:
        return key("right");
      case 0x44:
        return key("left");
      case 0x48:
        return key("home");
      case 0x46:
        return key("end");
      case 0x4d: // keypad Enter in application keypad mode
        return key("enter");
      default:
        return undefined;
    }
  }
}

function key(name: KeyName): Key {
  return { kind: "key", name };
}
