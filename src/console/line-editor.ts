// The console's line editor: terminal input in (KeyDecoder), VT100/xterm screen writes out. Pure
// TypeScript, no DOM and no xterm: the adapter injects write/columns and the shell injects history,
// completion and the accept/interrupt callbacks. The reference behaviour is GNU readline in bash
// (emacs mode); the cursor and erase sequences are ECMA-48 (CUU/CUD/CUF, EL, ED) as xterm.js
// interprets them.
//
// Rendering keeps one invariant: the editor knows the row of the terminal cursor relative to the
// prompt's first row. A redraw goes back there (CR + CUU), rewrites prompt and line, erases below
// (ED 0) and places the cursor (CUU + CR + CUF). Rows are laid out exactly as xterm.js autowraps
// (InputHandler.print): a code point of width w wraps when column + w > columns, so a wide
// character that does not fit in the last column moves whole to the next row and leaves that cell
// empty; zero-width code points stay in the cell before them.

import {
  codePointWidth,
  graphemes,
  isGraphemeBoundary,
  stringWidth,
  stripControlSequences,
} from "./char-width";
import { KeyDecoder } from "./keys";
import type { Key, KeyName } from "./keys";

export interface Completion {
  /** index in the line where the completed word starts */
  start: number;
  candidates: string[];
}

export interface LineEditorOptions {
  /** bytes to the terminal */
  write(data: string): void;
  /** may contain SGR colour sequences (ESC[...m) that take no columns; must not contain newlines */
  prompt(): string;
  /** current terminal width */
  columns(): number;
  /** oldest first; the shell owns it and appends executed lines */
  history(): readonly string[];
  /** cursor/start in UTF-16 code units of `line` */
  complete?(line: string, cursor: number): Completion;
  /** Enter: the editor prints "\r\n" first, then suspends */
  onAccept(line: string): void;
  /** Ctrl-C while suspended (a command runs): the lead kills the job */
  onInterrupt(): void;
  /** Ctrl-D on an empty line */
  onEof?(): void;
}

/** Longest line the editor holds, in UTF-16 code units; pasted input beyond it is dropped with a bell. */
export const maxLineLength = 64 * 1024;

const CSI = "\x1b[";
const BELL = "\x07";
/** xterm.js refuses fewer than 2 columns (InputHandler.print comment); a wide char needs two. */
const minColumns = 2;

interface CellPosition {
  row: number;
  col: number;
}

interface Layout {
  /** where the terminal cursor is after printing prompt + line (col may equal columns: pending wrap) */
  end: CellPosition;
  /** where the cursor must sit for the cursor index */
  cursor: CellPosition;
  /** the line as written to the terminal, when asked for */
  painted?: string;
}

type Mode = "idle" | "editing" | "busy";

export class LineEditor {
  /** The line being edited. */
  line = "";
  /** Cursor index in UTF-16 code units, always on a grapheme cluster boundary. */
  cursor = 0;

  private readonly options: LineEditorOptions;
  private readonly decoder = new KeyDecoder();
  private mode: Mode = "idle";
  private pumping = false;
  /** Terminal cursor row relative to the prompt's first row, and its column. */
  private screenRow = 0;
  private screenCol = 0;
  /** History index being shown, or null for the draft line. */
  private historyIndex: number | null = null;
  private draft = "";
  private killBuffer = "";
  private lastKeyWasKill = false;
  private lastKeyWasTab = false;
  private overflowBelled = false;

  constructor(options: LineEditorOptions) {
    this.options = options;
  }

  /** Suspended after Enter until resume(). */
  get busy(): boolean {
    return this.mode === "busy";
  }

  /** Print the prompt and accept input. */
  start(): void {
    if (this.mode !== "idle") return;
    this.beginLine();
    this.pump();
  }

  /** Everything the terminal sends, in chunks of any size. */
  feed(data: string): void {
    this.decoder.push(data);
    this.pump();
  }

  /** After the command finished and printed its output (ending with a newline): fresh prompt, then type-ahead. */
  resume(): void {
    if (this.mode !== "busy") return;
    this.beginLine();
    this.pump();
  }

  /** Rewrite prompt and line, e.g. after a resize. */
  redraw(): void {
    if (this.mode !== "editing") return;
    // xterm.js reflows soft-wrapped rows on resize, so the cursor row is where the new width puts it.
    this.screenRow = this.layout().cursor.row;
    this.render();
  }

  // ---- input loop -------------------------------------------------------------------------------

  private pump(): void {
    // Callbacks may call resume() re-entrantly; the outer loop carries on instead of recursing, so a
    // paste of many lines costs no stack.
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (;;) {
        if (this.mode === "busy") {
          if (!this.decoder.takeInterrupt()) break;
          this.options.onInterrupt();
          continue;
        }
        if (this.mode === "idle") break;
        const key = this.decoder.next();
        if (!key) break;
        this.handle(key);
      }
    } finally {
      this.pumping = false;
    }
  }

  private beginLine(): void {
    this.mode = "editing";
    this.line = "";
    this.cursor = 0;
    this.historyIndex = null;
    this.draft = "";
    this.lastKeyWasKill = false;
    this.lastKeyWasTab = false;
    this.overflowBelled = false;
    // The cursor is at column 0 of a fresh row (the output ended with a newline).
    this.screenRow = 0;
    this.screenCol = 0;
    const prompt = this.options.prompt();
    this.options.write(prompt);
    this.afterWrite(this.layoutOf(prompt, "", 0).end);
  }

  private handle(key: Key): void {
    const wasKill = this.lastKeyWasKill;
    const wasTab = this.lastKeyWasTab;
    this.lastKeyWasKill = false;
    this.lastKeyWasTab = false;
    if (key.kind === "text") {
      this.insert(key.text);
      return;
    }
    this.handleKey(key.name, wasKill, wasTab);
  }

  private handleKey(name: KeyName, wasKill: boolean, wasTab: boolean): void {
    const line = this.line;
    switch (name) {
      case "left":
        this.moveTo(this.previousBoundary(this.cursor));
        return;
      case "right":
        this.moveTo(this.nextBoundary(this.cursor));
        return;
      case "home":
        this.moveTo(0);
        return;
      case "end":
        this.moveTo(line.length);
        return;
      case "wordLeft":
        this.moveTo(this.wordStartBefore(this.cursor));
        return;
      case "wordRight":
        this.moveTo(this.wordEndAfter(this.cursor));
        return;
      case "up":
        this.historyStep(-1);
        return;
      case "down":
        this.historyStep(1);
        return;
      case "backspace":
        if (this.cursor === 0) return this.bell();
        this.replace(this.previousBoundary(this.cursor), this.cursor, "");
        return;
      case "delete":
        if (this.cursor >= line.length) return this.bell();
        this.replace(this.cursor, this.nextBoundary(this.cursor), "");
        return;
      case "deleteOrEof":
        if (line.length === 0) {
          this.options.onEof?.();
          return;
        }
        // readline delete-char: at the end of a non-empty line there is nothing to delete.
        if (this.cursor >= line.length) return this.bell();
        this.replace(this.cursor, this.nextBoundary(this.cursor), "");
        return;
      case "enter":
        this.accept();
        return;
      case "interrupt":
        this.interruptAtPrompt();
        return;
      case "tab":
        this.complete(wasTab);
        return;
      case "killToStart":
        this.kill(0, this.cursor, wasKill, true);
        return;
      case "killToEnd":
        this.kill(this.cursor, line.length, wasKill, false);
        return;
      case "killWordBack":
        this.kill(this.whitespaceWordStartBefore(this.cursor), this.cursor, wasKill, true);
        return;
      case "killAlnumWordBack":
        this.kill(this.wordStartBefore(this.cursor), this.cursor, wasKill, true);
        return;
      case "killWordForward":
        this.kill(this.cursor, this.wordEndAfter(this.cursor), wasKill, false);
        return;
      case "yank":
        if (this.killBuffer === "") return;
        this.insert(this.killBuffer);
        return;
      case "clearScreen":
        // readline clear-screen: home + erase display, then the current line at the top.
        this.options.write(`${CSI}H${CSI}2J`);
        this.screenRow = 0;
        this.screenCol = 0;
        this.render();
        return;
    }
  }

  // ---- editing ----------------------------------------------------------------------------------

  private insert(text: string): void {
    let room = maxLineLength - this.line.length;
    if (text.length > room) {
      // Do not cut a surrogate pair in two.
      const c = text.charCodeAt(room - 1);
      if (room > 0 && c >= 0xd800 && c <= 0xdbff) room--;
      text = text.slice(0, Math.max(0, room));
      if (!this.overflowBelled) this.bell();
      this.overflowBelled = true;
    }
    if (text.length === 0) return;
    const atEnd = this.cursor === this.line.length;
    const oldLength = this.line.length;
    const oldEnd = atEnd ? this.layout().end : undefined;
    this.line = this.line.slice(0, this.cursor) + text + this.line.slice(this.cursor);
    this.cursor = this.snap(this.cursor + text.length);
    // Typing at the end of the line: print just the new text when the terminal will lay it out the
    // same way (it starts a new cluster and begins with a visible code point).
    const first = text.codePointAt(0) ?? 0;
    if (
      oldEnd !== undefined &&
      this.cursor === this.line.length &&
      codePointWidth(first) > 0 &&
      isGraphemeBoundary(this.line, oldLength) &&
      this.screenRow === normalized(oldEnd, this.columns()).row &&
      this.screenCol === normalized(oldEnd, this.columns()).col
    ) {
      this.options.write(text);
      this.afterWrite(this.layout().end);
      return;
    }
    this.render();
  }

  private replace(from: number, to: number, text: string): void {
    this.line = this.line.slice(0, from) + text + this.line.slice(to);
    this.cursor = this.snap(from + text.length);
    this.render();
  }

  private kill(from: number, to: number, wasKill: boolean, backward: boolean): void {
    if (from >= to) {
      this.lastKeyWasKill = wasKill;
      return;
    }
    const killed = this.line.slice(from, to);
    // readline: consecutive kills accumulate into one kill-ring entry.
    this.killBuffer = wasKill ? (backward ? killed + this.killBuffer : this.killBuffer + killed) : killed;
    this.lastKeyWasKill = true;
    this.replace(from, to, "");
  }

  private moveTo(index: number): void {
    const target = Math.max(0, Math.min(this.line.length, index));
    if (target === this.cursor) return;
    this.cursor = target;
    this.placeCursor(this.layout().cursor);
  }

  private historyStep(direction: -1 | 1): void {
    const history = this.options.history();
    const current = this.historyIndex ?? history.length;
    const next = current + direction;
    if (next < 0 || next > history.length) return this.bell();
    if (this.historyIndex === null) this.draft = this.line;
    this.historyIndex = next === history.length ? null : next;
    const text = this.historyIndex === null ? this.draft : (history[next] ?? "");
    this.line = text.length > maxLineLength ? text.slice(0, maxLineLength).toWellFormed() : text;
    this.cursor = this.line.length;
    this.render();
  }

  private accept(): void {
    const line = this.line;
    this.goBelowLine();
    this.mode = "busy";
    this.line = "";
    this.cursor = 0;
    this.options.onAccept(line);
  }

  private interruptAtPrompt(): void {
    // bash: the tty echoes ^C, readline abandons the line (not saved to history), new prompt.
    this.moveTo(this.line.length);
    this.options.write("^C\r\n");
    // ^C is the way out of a paste whose end marker never came.
    this.decoder.endPaste();
    this.beginLine();
  }

  private complete(wasTab: boolean): void {
    if (this.options.complete === undefined) return this.bell();
    const result = this.options.complete(this.line, this.cursor);
    const start = Math.max(0, Math.min(this.cursor, Math.trunc(result.start) || 0));
    const candidates = [...new Set(result.candidates)].sort(compareCodeUnits);
    const word = this.line.slice(start, this.cursor);
    const only = candidates[0];
    if (only === undefined) return this.bell();
    if (candidates.length === 1) {
      // A directory completes to "dir/" and waits for more; anything else gets a separating space.
      this.replace(start, this.cursor, only.endsWith("/") ? only : `${only} `);
      return;
    }
    this.lastKeyWasTab = true;
    const prefix = commonPrefix(candidates);
    if (prefix.length > word.length) {
      this.replace(start, this.cursor, prefix);
      return;
    }
    if (!wasTab) return this.bell();
    this.listCandidates(candidates);
  }

  /** readline rl_display_match_list: sorted, in columns, filled top to bottom like ls. */
  private listCandidates(candidates: readonly string[]): void {
    const columns = this.columns();
    const names = candidates.map(printablePart);
    const widths = names.map(stringWidth);
    // complete.c: max += 2; limit = cols / max, one less when it divides exactly; at least 1.
    const max = widths.reduce((a, b) => Math.max(a, b), 0) + 2;
    let perRow = Math.floor(columns / max);
    if (perRow !== 1 && perRow * max === columns) perRow--;
    if (perRow < 1) perRow = 1;
    const rows = Math.ceil(names.length / perRow);
    let out = "";
    for (let r = 0; r < rows; r++) {
      let row = "";
      for (let c = 0; c < perRow; c++) {
        const i = r + c * rows;
        const name = names[i];
        if (name === undefined) break;
        row += name;
        if (c + 1 < perRow && names[i + rows] !== undefined) {
          row += " ".repeat(Math.max(1, max - (widths[i] ?? 0)));
        }
      }
      out += `${row}\r\n`;
    }
    const cursor = this.cursor;
    this.goBelowLine();
    this.cursor = cursor;
    this.options.write(out);
    this.render();
  }

  /**
   * Put the terminal cursor at column 0 of the row below the line. A line that exactly fills its
   * last row already left the cursor there (afterWrite), and a second CR LF would leave a blank row;
   * readline's _rl_update_final avoids the same extra line.
   */
  private goBelowLine(): void {
    const end = this.layout().end;
    this.moveTo(this.line.length);
    if (end.col >= this.columns()) {
      this.placeCursor({ row: end.row + 1, col: 0 });
    } else {
      this.options.write("\r\n");
    }
    this.screenRow = 0;
    this.screenCol = 0;
  }

  private bell(): void {
    this.options.write(BELL);
  }

  // ---- grapheme and word boundaries -------------------------------------------------------------

  private previousBoundary(index: number): number {
    if (index <= 0) return 0;
    return graphemes(this.line).containing(index - 1)?.index ?? 0;
  }

  private nextBoundary(index: number): number {
    if (index >= this.line.length) return this.line.length;
    const segment = graphemes(this.line).containing(index);
    return segment ? segment.index + segment.segment.length : this.line.length;
  }

  /** The boundary at or after index: an edit may merge clusters around the cursor. */
  private snap(index: number): number {
    if (index <= 0) return 0;
    if (index >= this.line.length) return this.line.length;
    const segment = graphemes(this.line).containing(index);
    if (!segment || segment.index === index) return index;
    return segment.index + segment.segment.length;
  }

  /** readline backward-word: back over non-word characters, then over word characters. */
  private wordStartBefore(index: number): number {
    let i = index;
    while (i > 0 && !isWordCluster(this.clusterBefore(i))) i = this.previousBoundary(i);
    while (i > 0 && isWordCluster(this.clusterBefore(i))) i = this.previousBoundary(i);
    return i;
  }

  /** readline forward-word: over non-word characters, then to the end of the word. */
  private wordEndAfter(index: number): number {
    let i = index;
    while (i < this.line.length && !isWordCluster(this.clusterAt(i))) i = this.nextBoundary(i);
    while (i < this.line.length && isWordCluster(this.clusterAt(i))) i = this.nextBoundary(i);
    return i;
  }

  /** readline unix-word-rubout: the word boundary is whitespace. */
  private whitespaceWordStartBefore(index: number): number {
    let i = index;
    while (i > 0 && isSpace(this.line.charCodeAt(i - 1))) i--;
    while (i > 0 && !isSpace(this.line.charCodeAt(i - 1))) i--;
    return this.snap(i);
  }

  private clusterBefore(index: number): string {
    return this.line.slice(this.previousBoundary(index), index);
  }

  private clusterAt(index: number): string {
    return this.line.slice(index, this.nextBoundary(index));
  }

  // ---- rendering --------------------------------------------------------------------------------

  private columns(): number {
    const n = Math.floor(this.options.columns());
    if (!Number.isFinite(n) || n <= 0) return 80;
    return Math.max(minColumns, n);
  }

  private layout(): Layout {
    return this.layoutOf(this.options.prompt(), this.line, this.cursor);
  }

  private layoutOf(prompt: string, line: string, cursor: number, paint = false): Layout {
    const columns = this.columns();
    let row = 0;
    let col = 0;
    // Painting: the line text with EL before each wide character that wraps early, so the cell it
    // leaves empty at the end of the row does not keep an old character (xterm.js blanks it itself,
    // other terminals do not).
    const pieces: string[] = [];
    let pieceStart = 0;
    const advance = (text: string, from: number, to: number, painting: boolean): void => {
      // `i < text.length` as well: the production minifier (Vite 8's) once folded the prompt's
      // `.length` argument into 2**53-1, which turned this loop into a hang; never trust `to` alone.
      const end = Math.min(to, text.length);
      for (let i = from; i < end; i++) {
        const at = i;
        const cp = text.codePointAt(i) ?? 0;
        if (cp > 0xffff) i++;
        const w = codePointWidth(cp);
        if (w === 0) continue;
        if (col + w > columns) {
          if (painting && col < columns) {
            pieces.push(text.slice(pieceStart, at), `${CSI}K`);
            pieceStart = at;
          }
          row++;
          col = 0;
        }
        col += w;
      }
    };
    const visiblePrompt = stripControlSequences(prompt);
    advance(visiblePrompt, 0, visiblePrompt.length, false);
    advance(line, 0, cursor, paint);
    // The cursor sits on the cell where the next cluster is drawn: a wide one that no longer fits
    // the row is drawn, and so the cursor shown, at the start of the next row.
    const nextWidth = cursor < line.length ? codePointWidth(line.codePointAt(cursor) ?? 0) : 0;
    const cursorPos =
      col >= columns || (nextWidth > 0 && col + nextWidth > columns)
        ? { row: row + 1, col: 0 }
        : { row, col };
    advance(line, cursor, line.length, paint);
    if (!paint) return { end: { row, col }, cursor: cursorPos };
    pieces.push(line.slice(pieceStart));
    return { end: { row, col }, cursor: cursorPos, painted: pieces.join("") };
  }

  /** Record where the terminal cursor is after printing up to `end`, leaving no pending wrap. */
  private afterWrite(end: CellPosition): void {
    if (end.col >= this.columns()) {
      // At the last column xterm holds a pending wrap; a space forces the (soft) wrap and CR returns
      // to column 0 of the new row, as readline does, so relative moves start from a real cell.
      this.options.write(` \r${CSI}K`);
      this.screenRow = end.row + 1;
      this.screenCol = 0;
    } else {
      this.screenRow = end.row;
      this.screenCol = end.col;
    }
  }

  private render(): void {
    const prompt = this.options.prompt();
    const layout = this.layoutOf(prompt, this.line, this.cursor, true);
    let out = "\r";
    if (this.screenRow > 0) out += `${CSI}${this.screenRow}A`;
    out += prompt + (layout.painted ?? this.line);
    this.options.write(out);
    this.afterWrite(layout.end);
    this.options.write(`${CSI}J`);
    this.placeCursor(layout.cursor);
  }

  private placeCursor(target: CellPosition): void {
    let out = "";
    if (target.row < this.screenRow) out += `${CSI}${this.screenRow - target.row}A`;
    else if (target.row > this.screenRow) out += `${CSI}${target.row - this.screenRow}B`;
    if (target.col !== this.screenCol || out !== "") {
      out += "\r";
      if (target.col > 0) out += `${CSI}${target.col}C`;
    }
    if (out !== "") this.options.write(out);
    this.screenRow = target.row;
    this.screenCol = target.col;
  }
}

// ---- helpers ------------------------------------------------------------------------------------

/** Where the terminal cursor is after printing up to `end` once afterWrite() resolved a pending wrap. */
function normalized(end: CellPosition, columns: number): CellPosition {
  return end.col >= columns ? { row: end.row + 1, col: 0 } : end;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

// readline rl_alphabetic(): alphanumerics (iswalnum in a UTF-8 locale, so Hangul counts) are word
// characters.
const wordCharacter = /^[\p{L}\p{N}\p{M}]/u;

function isWordCluster(cluster: string): boolean {
  return wordCharacter.test(cluster);
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Longest common prefix by whole code points. */
function commonPrefix(words: readonly string[]): string {
  let prefix = words[0] ?? "";
  for (const word of words) {
    let i = 0;
    const n = Math.min(prefix.length, word.length);
    while (i < n && prefix.charCodeAt(i) === word.charCodeAt(i)) i++;
    // Do not end between the halves of a surrogate pair.
    if (i > 0 && i < prefix.length) {
      const c = prefix.charCodeAt(i - 1);
      if (c >= 0xd800 && c <= 0xdbff) i--;
    }
    prefix = prefix.slice(0, i);
  }
  return prefix;
}

/** readline printable_part(): for a path, the part after the last slash (a trailing slash kept). */
function printablePart(candidate: string): string {
  const body = candidate.endsWith("/") ? candidate.slice(0, -1) : candidate;
  const slash = body.lastIndexOf("/");
  return slash < 0 ? candidate : candidate.slice(slash + 1);
}
