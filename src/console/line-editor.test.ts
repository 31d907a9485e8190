import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { codePointWidth, isGraphemeBoundary, stripControlSequences } from "./char-width";
import { LineEditor, maxLineLength } from "./line-editor";
import type { Completion, LineEditorOptions } from "./line-editor";

// ---- a tiny terminal ----------------------------------------------------------------------------
// Interprets what the editor emits the way xterm.js 6 does (src/common/InputHandler.ts): the cursor
// column may equal `cols` (pending wrap); a code point of width w autowraps when x + w > cols, so a
// wide character that does not fit the last column moves to the next row and leaves that cell
// empty; zero-width code points join the cell before the cursor; CUU/CUD/CUF/CUB first clamp x to
// cols - 1; EL/ED erase from x inclusive; LF at the bottom scrolls. Anything else it does not know
// fails the test.

interface Cell {
  text: string;
  /** 1 or 2 for a character cell, 0 for the right half of a wide character */
  width: number;
}

const blank = (): Cell => ({ text: "", width: 1 });

class Screen {
  readonly rows: number;
  cols: number;
  grid: Cell[][];
  x = 0;
  y = 0;
  bells = 0;
  orphanZeroWidth = 0;

  constructor(cols: number, rows: number) {
    this.cols = cols;
    this.rows = rows;
    this.grid = Array.from({ length: rows }, () => this.blankRow());
  }

  private blankRow(): Cell[] {
    return Array.from({ length: this.cols }, blank);
  }

  write(data: string): void {
    for (let i = 0; i < data.length; i++) {
      const c = data.charCodeAt(i);
      if (c === 0x1b) {
        const m = /^\x1b\[([0-9;]*)([A-Za-z])/.exec(data.slice(i, i + 16));
        if (!m) throw new Error(`unexpected escape ${JSON.stringify(data.slice(i, i + 8))}`);
        this.csi(m[1] ?? "", m[2] ?? "");
        i += (m[0] ?? "").length - 1;
        continue;
      }
      if (c === 0x0d) this.x = 0;
      else if (c === 0x0a) this.lineFeed();
      else if (c === 0x08) {
        this.restrict();
        if (this.x > 0) this.x--;
      } else if (c === 0x07) this.bells++;
      else if (c < 0x20 || c === 0x7f) throw new Error(`unexpected control ${c}`);
      else {
        const cp = data.codePointAt(i) ?? 0;
        if (cp > 0xffff) i++;
        this.print(String.fromCodePoint(cp), codePointWidth(cp));
      }
    }
  }

  private restrict(): void {
    this.x = Math.min(this.x, this.cols - 1);
  }

  private lineFeed(): void {
    if (this.y === this.rows - 1) {
      this.grid.shift();
      this.grid.push(this.blankRow());
    } else this.y++;
    if (this.x >= this.cols) this.x = this.cols - 1;
  }

  private row(): Cell[] {
    const row = this.grid[this.y];
    if (!row) throw new Error("row out of range");
    return row;
  }

  private print(ch: string, w: number): void {
    if (w === 0) {
      if (this.x === 0) {
        this.orphanZeroWidth++;
        return;
      }
      const row = this.row();
      let at = this.x - 1;
      if (row[at]?.width === 0) at--;
      const cell = row[at];
      if (cell) cell.text += ch;
      return;
    }
    if (this.x + w > this.cols) {
      this.x = 0;
      this.lineFeed();
    }
    const row = this.row();
    // Overwriting half of a wide character erases the other half.
    if (row[this.x]?.width === 0 && this.x > 0) row[this.x - 1] = blank();
    const last = this.x + w - 1;
    if (row[last]?.width === 2) row[last + 1] = blank();
    row[this.x] = { text: ch, width: w };
    if (w === 2) row[this.x + 1] = { text: "", width: 0 };
    this.x += w;
  }

  private csi(params: string, final: string): void {
    const n = Number(params.split(";")[0] || "1") || 1;
    switch (final) {
      case "A":
        this.restrict();
        this.y = Math.max(0, this.y - n);
        return;
      case "B":
        this.restrict();
        this.y = Math.min(this.rows - 1, this.y + n);
        return;
      case "C":
        this.restrict();
        this.x = Math.min(this.cols - 1, this.x + n);
        return;
      case "D":
        this.restrict();
        this.x = Math.max(0, this.x - n);
        return;
      case "H":
        this.x = 0;
        this.y = 0;
        return;
      case "K":
        if (params !== "") throw new Error("EL variant");
        for (let x = this.x; x < this.cols; x++) this.row()[x] = blank();
        return;
      case "J":
        if (params === "2") {
          this.grid = this.grid.map(() => this.blankRow());
          return;
        }
        if (params !== "") throw new Error("ED variant");
        for (let x = this.x; x < this.cols; x++) this.row()[x] = blank();
        for (let y = this.y + 1; y < this.rows; y++) this.grid[y] = this.blankRow();
        return;
      case "m":
        return;
      default:
        throw new Error(`unexpected CSI ${params}${final}`);
    }
  }

  /** The row as text: wide characters once, empty cells as spaces, trailing blanks trimmed. */
  text(y: number): string {
    return (this.grid[y] ?? [])
      .map((cell) => (cell.width === 0 ? "" : cell.text === "" ? " " : cell.text))
      .join("")
      .trimEnd();
  }

  /** Everything on screen, rows joined with newlines, blank rows at the bottom dropped. */
  all(): string {
    return this.grid
      .map((_, y) => this.text(y))
      .join("\n")
      .replace(/\n+$/, "");
  }

  /** The cursor as drawn: a pending wrap shows on the last column. */
  get cursor(): [row: number, col: number] {
    return [this.y, Math.min(this.x, this.cols - 1)];
  }
}

// ---- harness ------------------------------------------------------------------------------------

interface Rig {
  editor: LineEditor;
  screen: Screen;
  accepted: string[];
  history: string[];
  interrupts: number;
  eofs: number;
  setColumns(n: number): void;
}

function rig(
  options: {
    cols?: number;
    rows?: number;
    prompt?: string;
    history?: string[];
    complete?: (line: string, cursor: number) => Completion;
    /** call resume() from inside onAccept, like a shell whose command finishes at once */
    syncResume?: boolean;
  } = {},
): Rig {
  const screen = new Screen(options.cols ?? 20, options.rows ?? 12);
  const history = options.history ?? [];
  let columns = screen.cols;
  const r: Rig = {
    editor: undefined as unknown as LineEditor,
    screen,
    accepted: [],
    history,
    interrupts: 0,
    eofs: 0,
    setColumns: (n) => {
      columns = n;
    },
  };
  const editorOptions: LineEditorOptions = {
    write: (data) => screen.write(data),
    prompt: () => options.prompt ?? "$ ",
    columns: () => columns,
    history: () => history,
    onAccept: (line) => {
      r.accepted.push(line);
      if (line !== "") history.push(line);
      if (options.syncResume) r.editor.resume();
    },
    onInterrupt: () => {
      r.interrupts++;
    },
    onEof: () => {
      r.eofs++;
    },
  };
  if (options.complete) editorOptions.complete = options.complete;
  r.editor = new LineEditor(editorOptions);
  r.editor.start();
  return r;
}

const LEFT = "\x1b[D";
const RIGHT = "\x1b[C";
const UP = "\x1b[A";
const DOWN = "\x1b[B";

// ---- tests --------------------------------------------------------------------------------------

describe("LineEditor: typing and cursor keys", () => {
  it("prints the prompt and echoes typed text", () => {
    const { editor, screen } = rig();
    expect(screen.text(0)).toBe("$");
    expect(screen.cursor).toEqual([0, 2]);
    editor.feed("ls -l");
    expect(screen.text(0)).toBe("$ ls -l");
    expect(screen.cursor).toEqual([0, 7]);
    expect(editor.line).toBe("ls -l");
  });

  it("moves with ←/→, C-b/C-f and every Home/End encoding", () => {
    const { editor, screen } = rig();
    editor.feed("abcd");
    editor.feed(LEFT);
    expect(screen.cursor).toEqual([0, 5]);
    editor.feed("\x02");
    expect(screen.cursor).toEqual([0, 4]);
    editor.feed("\x06" + RIGHT);
    expect(screen.cursor).toEqual([0, 6]);
    for (const [home, end] of [
      ["\x1b[H", "\x1b[F"],
      ["\x1bOH", "\x1bOF"],
      ["\x1b[1~", "\x1b[4~"],
      ["\x1b[7~", "\x1b[8~"],
      ["\x01", "\x05"],
    ] as const) {
      editor.feed(home);
      expect(editor.cursor).toBe(0);
      expect(screen.cursor).toEqual([0, 2]);
      editor.feed(end);
      expect(editor.cursor).toBe(4);
      expect(screen.cursor).toEqual([0, 6]);
    }
    editor.feed(RIGHT); // at the end: nothing
    expect(editor.cursor).toBe(4);
    expect(screen.text(0)).toBe("$ abcd");
  });

  it("inserts in the middle and redraws the tail", () => {
    const { editor, screen } = rig();
    editor.feed("echo world" + LEFT.repeat(5) + "hello ");
    expect(editor.line).toBe("echo hello world");
    expect(screen.text(0)).toBe("$ echo hello world");
    expect(screen.cursor).toEqual([0, 13]);
  });

  it("deletes with DEL, BS, Delete and C-d, and C-d on an empty line is EOF", () => {
    const r = rig();
    const { editor, screen } = r;
    editor.feed("abcdef\x7f");
    expect(screen.text(0)).toBe("$ abcde");
    editor.feed("\b");
    expect(editor.line).toBe("abcd");
    editor.feed("\x01\x1b[3~");
    expect(editor.line).toBe("bcd");
    expect(screen.text(0)).toBe("$ bcd");
    expect(screen.cursor).toEqual([0, 2]);
    editor.feed("\x04");
    expect(editor.line).toBe("cd");
    expect(r.eofs).toBe(0);
    editor.feed("\x05\x04"); // C-d at the end of a non-empty line: bell, nothing deleted
    expect(editor.line).toBe("cd");
    expect(screen.bells).toBe(1);
    editor.feed("\x15\x04");
    expect(r.eofs).toBe(1);
  });

  it("kills and yanks: C-u, C-k, C-w, M-d, M-DEL, C-y (consecutive kills accumulate)", () => {
    const { editor, screen } = rig({ cols: 40 });
    editor.feed("cat /proc/self/status | head");
    editor.feed("\x17");
    expect(editor.line).toBe("cat /proc/self/status | ");
    editor.feed("\x17\x17");
    expect(editor.line).toBe("cat ");
    editor.feed("\x19"); // one yank brings back the three consecutive kills, in order
    expect(editor.line).toBe("cat /proc/self/status | head");
    editor.feed("\x01\x1bf\x0b");
    expect(editor.line).toBe("cat");
    expect(screen.text(0)).toBe("$ cat");
    editor.feed("\x05\x15"); // a movement in between: this kill starts a new entry
    expect(editor.line).toBe("");
    editor.feed("\x19");
    expect(editor.line).toBe("cat");
    editor.feed(" one-two\x1b\x7f");
    expect(editor.line).toBe("cat one-");
    editor.feed("\x01\x1bd");
    expect(editor.line).toBe(" one-");
    expect(screen.text(0)).toBe("$  one-");
    expect(screen.cursor).toEqual([0, 2]);
  });

  it("moves by word with M-b/M-f and C-←/C-→", () => {
    const { editor } = rig({ cols: 40 });
    editor.feed("echo  hello-world 한국어");
    editor.feed("\x1bb");
    expect(editor.cursor).toBe(18);
    editor.feed("\x1b[1;5D");
    expect(editor.cursor).toBe(12);
    editor.feed("\x1bb\x1bb");
    expect(editor.cursor).toBe(0);
    editor.feed("\x1bf");
    expect(editor.cursor).toBe(4);
    editor.feed("\x1b[1;5C\x1b[1;5C");
    expect(editor.cursor).toBe(17);
  });

  it("C-l clears the screen and draws prompt and line at the top", () => {
    const { editor, screen } = rig({ syncResume: true });
    editor.feed("one\rtwo\r");
    editor.feed("abc" + LEFT);
    expect(screen.cursor[0]).toBe(2);
    editor.feed("\x0c");
    expect(screen.all()).toBe("$ abc");
    expect(screen.cursor).toEqual([0, 4]);
  });

  it("C-c at the prompt prints ^C, abandons the line and gives a fresh prompt", () => {
    const r = rig();
    r.editor.feed("sleep 10" + LEFT.repeat(3) + "\x03");
    expect(r.screen.all()).toBe("$ sleep 10^C\n$");
    expect(r.screen.cursor).toEqual([1, 2]);
    expect(r.editor.line).toBe("");
    expect(r.accepted).toEqual([]);
    expect(r.interrupts).toBe(0);
  });

  it("ignores unknown sequences and controls; a coloured prompt takes only its visible columns", () => {
    const { editor, screen } = rig({ prompt: "\x1b[1;32mvm\x1b[0m:~$ " });
    expect(screen.cursor).toEqual([0, 6]);
    editor.feed("a\x1b[5~\x1b]0;x\x07\x1b[?1;2c\x00\x1f\x1b[1;2Pb\x1bOP\x1b[200~c\x1b[201~");
    expect(editor.line).toBe("abc");
    expect(screen.text(0)).toBe("vm:~$ abc");
    expect(screen.cursor).toEqual([0, 9]);
  });

  it("decodes escape sequences split across feeds", () => {
    const { editor, screen } = rig();
    editor.feed("abc");
    editor.feed("\x1b");
    editor.feed("[");
    editor.feed("D");
    expect(editor.cursor).toBe(2);
    editor.feed("\x1b[1");
    editor.feed(";5");
    expect(editor.line).toBe("abc");
    editor.feed("D");
    expect(editor.cursor).toBe(0);
    editor.feed("\x1b[3");
    editor.feed("~");
    expect(editor.line).toBe("bc");
    expect(screen.text(0)).toBe("$ bc");
    editor.feed("\ud83d");
    expect(editor.line).toBe("bc");
    editor.feed("\ude00");
    expect(editor.line).toBe("😀bc");
  });
});

describe("LineEditor: history", () => {
  it("↑/↓ walk the history and bring back the draft", () => {
    const { editor, screen } = rig({ history: ["ls", "cat /sys/fs/cgroup/cpu.max"], cols: 40 });
    editor.feed("draft" + LEFT);
    editor.feed(UP);
    expect(editor.line).toBe("cat /sys/fs/cgroup/cpu.max");
    expect(screen.text(0)).toBe("$ cat /sys/fs/cgroup/cpu.max");
    expect(screen.cursor).toEqual([0, 28]);
    editor.feed("\x1bOA");
    expect(editor.line).toBe("ls");
    expect(screen.text(0)).toBe("$ ls"); // the longer line is erased
    editor.feed("\x10"); // C-p past the oldest: bell
    expect(editor.line).toBe("ls");
    expect(screen.bells).toBe(1);
    editor.feed(DOWN);
    expect(editor.line).toBe("cat /sys/fs/cgroup/cpu.max");
    editor.feed("\x1bOB");
    expect(editor.line).toBe("draft");
    expect(screen.text(0)).toBe("$ draft");
    expect(editor.cursor).toBe(5);
    editor.feed("\x0e"); // C-n past the draft: bell
    expect(screen.bells).toBe(2);
  });

  it("sees lines the shell appended after accepting", () => {
    const r = rig({ syncResume: true });
    r.editor.feed("echo 1\recho 2\r");
    r.editor.feed(UP + UP);
    expect(r.editor.line).toBe("echo 1");
    r.editor.feed("\r");
    expect(r.accepted).toEqual(["echo 1", "echo 2", "echo 1"]);
  });
});

describe("LineEditor: completion", () => {
  const words = ["cgroup.max", "cgroup.procs", "cpu.max", "dir/", "a1", "a2", "a3", "a4", "a5"];
  const complete = (line: string, cursor: number): Completion => {
    const start = line.lastIndexOf(" ", cursor - 1) + 1;
    const word = line.slice(start, cursor);
    return { start, candidates: words.filter((w) => w.startsWith(word)) };
  };

  it("one candidate: inserts it and a space; a directory gets no space", () => {
    const { editor, screen } = rig({ complete, cols: 40 });
    editor.feed("cat cp\t");
    expect(editor.line).toBe("cat cpu.max ");
    expect(screen.text(0)).toBe("$ cat cpu.max");
    expect(screen.cursor).toEqual([0, 14]);
    editor.feed("d\t");
    expect(editor.line).toBe("cat cpu.max dir/");
  });

  it("several: inserts the common prefix, a second Tab lists them like readline, none rings", () => {
    const { editor, screen } = rig({ complete, cols: 40 });
    editor.feed("cat cg\t");
    expect(editor.line).toBe("cat cgroup.");
    expect(screen.bells).toBe(0);
    editor.feed("\t");
    // readline: max = 12 + 2 = 14; 40 / 14 = 2 per row; one row; the first name padded to 14.
    expect(screen.all()).toBe("$ cat cgroup.\ncgroup.max    cgroup.procs\n$ cat cgroup.");
    expect(screen.cursor).toEqual([2, 13]);
    editor.feed("p\t");
    expect(editor.line).toBe("cat cgroup.procs ");
    editor.feed("zz\t");
    expect(screen.bells).toBe(1);
    expect(editor.line).toBe("cat cgroup.procs zz");
  });

  it("lists top to bottom in columns (readline print-completions-horizontally off)", () => {
    const { editor, screen } = rig({ complete, cols: 10 });
    editor.feed("a\t");
    expect(screen.bells).toBe(1); // no common prefix longer than "a"
    editor.feed("\t");
    // max = 2 + 2 = 4; 10 / 4 = 2 columns; ceil(5 / 2) = 3 rows; item (r, c) = r + 3c.
    expect(screen.all()).toBe("$ a\na1  a4\na2  a5\na3\n$ a");
    expect(screen.cursor).toEqual([4, 3]);
  });

  it("shows paths by their last component and keeps the cursor inside the line", () => {
    const { editor, screen } = rig({
      cols: 40,
      complete: () => ({ start: 3, candidates: ["/sys/fs/cgroup/", "/sys/fs/bpf/"] }),
    });
    editor.feed("ls /sys/fs/ -l" + LEFT.repeat(3) + "\t");
    expect(editor.line).toBe("ls /sys/fs/ -l");
    editor.feed("\t");
    expect(screen.all()).toBe("$ ls /sys/fs/ -l\nbpf/     cgroup/\n$ ls /sys/fs/ -l");
    expect(screen.cursor).toEqual([2, 13]);
  });

  it("rings the bell without a completer", () => {
    const { editor, screen } = rig();
    editor.feed("x\t");
    expect(screen.bells).toBe(1);
    expect(editor.line).toBe("x");
  });
});

describe("LineEditor: Korean, wide and composed characters", () => {
  it("types Korean syllable by syllable and edits in the middle with the right columns", () => {
    const { editor, screen } = rig();
    for (const syllable of ["한", "국", "어"]) editor.feed(syllable); // as an IME commits them
    expect(editor.line).toBe("한국어");
    expect(screen.text(0)).toBe("$ 한국어");
    expect(screen.cursor).toEqual([0, 8]); // 2 + 3 × 2
    editor.feed(LEFT);
    expect(screen.cursor).toEqual([0, 6]);
    editor.feed(LEFT);
    expect(screen.cursor).toEqual([0, 4]);
    editor.feed("말");
    expect(editor.line).toBe("한말국어");
    expect(screen.text(0)).toBe("$ 한말국어");
    expect(screen.cursor).toEqual([0, 6]);
    editor.feed("\x7f");
    expect(screen.text(0)).toBe("$ 한국어");
    expect(screen.cursor).toEqual([0, 4]);
    editor.feed("\x1b[3~");
    expect(screen.text(0)).toBe("$ 한어");
    expect(screen.cursor).toEqual([0, 4]);
    editor.feed(RIGHT);
    expect(screen.cursor).toEqual([0, 6]);
    editor.feed("abc");
    expect(screen.text(0)).toBe("$ 한어abc");
    expect(screen.cursor).toEqual([0, 9]);
  });

  it("inserts each IME-delivered string exactly once", () => {
    const { editor } = rig();
    editor.feed("안녕");
    editor.feed("하세요");
    editor.feed(" ");
    expect(editor.line).toBe("안녕하세요 ");
  });

  it("moves and deletes by grapheme cluster: jamo sequence, modified emoji, ZWJ family, e + accent", () => {
    const { editor, screen } = rig({ cols: 40 });
    const jamo = "\u1112\u1161\u11ab"; // 한 decomposed, width 2
    editor.feed(`a${jamo}b👍🏽c👨\u200d👩\u200d👧de\u0301`);
    // columns: $␠ a(1) 한(2) b(1) 👍🏽(4) c(1) family(6) d(1) é(1) = 2 + 17
    expect(screen.cursor).toEqual([0, 19]);
    editor.feed(LEFT);
    expect(editor.line.slice(editor.cursor)).toBe("e\u0301");
    expect(screen.cursor).toEqual([0, 18]);
    editor.feed(LEFT + LEFT);
    expect(screen.cursor).toEqual([0, 11]);
    editor.feed("\x7f"); // removes "c"
    editor.feed("\x7f"); // removes 👍🏽 whole
    expect(screen.cursor).toEqual([0, 6]); // $␠ a 한 b
    editor.feed("\x7f\x7f"); // b, then the whole jamo sequence
    expect(editor.line).toBe("a👨\u200d👩\u200d👧de\u0301");
    expect(screen.cursor).toEqual([0, 3]);
    editor.feed("\x1b[3~");
    expect(editor.line).toBe("ade\u0301");
    expect(screen.text(0)).toBe("$ ade\u0301");
    expect(screen.orphanZeroWidth).toBe(0);
  });
});

describe("LineEditor: wrapping", () => {
  it("wraps a long line and edits across rows", () => {
    const { editor, screen } = rig({ cols: 10 });
    editor.feed("0123456789abcdefghij");
    expect(screen.all()).toBe("$ 01234567\n89abcdefgh\nij");
    expect(screen.cursor).toEqual([2, 2]);
    editor.feed("\x01X");
    expect(screen.all()).toBe("$ X0123456\n789abcdefg\nhij");
    expect(screen.cursor).toEqual([0, 3]);
    editor.feed("\x05" + LEFT.repeat(4)); // index 17: 2 + 17 = 19 columns before it → row 1, col 9
    expect(screen.cursor).toEqual([1, 9]);
    editor.feed("\x0b");
    expect(screen.all()).toBe("$ X0123456\n789abcdef");
    expect(screen.cursor).toEqual([1, 9]);
  });

  it("moves a wide character that does not fit the last column to the next row", () => {
    const { editor, screen } = rig({ cols: 10 });
    editor.feed("abcdefg한");
    // "$ abcdefg" fills columns 0–8; 한 needs 2 columns at 9: xterm wraps it, column 9 stays empty.
    expect(screen.all()).toBe("$ abcdefg\n한");
    expect(screen.cursor).toEqual([1, 2]);
    editor.feed(LEFT);
    expect(screen.cursor).toEqual([1, 0]); // on 한, where it is drawn
    editor.feed(LEFT);
    expect(screen.cursor).toEqual([0, 8]); // on g
    editor.feed("\x01\x1b[3~");
    expect(screen.all()).toBe("$ bcdefg한"); // now it fits: columns 8–9
    expect(screen.cursor).toEqual([0, 2]);
  });

  it("blanks the cell a wrapped wide character leaves behind when redrawing over old text", () => {
    const { editor, screen } = rig({ cols: 10 });
    editor.feed("abcdefgx" + LEFT);
    expect(screen.text(0)).toBe("$ abcdefgx");
    editor.feed("한");
    // 한 cannot start at column 9; the x drawn there before must not stay on screen.
    expect(screen.all()).toBe("$ abcdefg\n한x");
    expect(screen.cursor).toEqual([1, 2]);
  });

  it("puts the cursor on the next row right after a wide character ending at the last column", () => {
    const { editor, screen } = rig({ cols: 10 });
    editor.feed("abcdef한");
    expect(screen.text(0)).toBe("$ abcdef한");
    expect(screen.cursor).toEqual([1, 0]);
    editor.feed("x");
    expect(screen.all()).toBe("$ abcdef한\nx");
    expect(screen.cursor).toEqual([1, 1]);
    editor.feed(LEFT);
    expect(screen.cursor).toEqual([1, 0]);
    editor.feed(LEFT);
    expect(screen.cursor).toEqual([0, 8]);
    editor.feed(RIGHT);
    expect(screen.cursor).toEqual([1, 0]);
    editor.feed("\x05\x7f");
    expect(screen.all()).toBe("$ abcdef한");
    expect(screen.cursor).toEqual([1, 0]);
    editor.feed("\r");
    // Enter from a line that exactly fills its row: output starts on the next row, no blank row.
    expect(screen.cursor).toEqual([1, 0]);
  });

  it("wraps Korean text over several rows, insertion in the middle reflows all rows", () => {
    const { editor, screen } = rig({ cols: 9 });
    editor.feed("가나다라마바사아");
    // $␠ + 가나다 = 8 columns, 라 needs 9–10: wraps; 4 per row after.
    expect(screen.all()).toBe("$ 가나다\n라마바사\n아");
    expect(screen.cursor).toEqual([2, 2]);
    editor.feed("\x01a");
    expect(screen.all()).toBe("$ a가나다\n라마바사\n아");
    editor.feed("b");
    expect(screen.all()).toBe("$ ab가나\n다라마바\n사아");
    expect(screen.cursor).toEqual([0, 4]);
  });

  it("redraw() after a resize lays the line out for the new width", () => {
    const r = rig({ cols: 20 });
    r.editor.feed("0123456789abcdef");
    // Emulate xterm's reflow to 10 columns: the soft-wrapped line re-flows from the prompt row.
    r.setColumns(10);
    r.screen.cols = 10;
    r.screen.grid = r.screen.grid.map(() => Array.from({ length: 10 }, blank));
    r.screen.x = 0;
    r.screen.y = 0;
    r.screen.write("$ 01234567\r\n89abcdef");
    r.editor.redraw();
    expect(r.screen.all()).toBe("$ 01234567\n89abcdef");
    expect(r.screen.cursor).toEqual([1, 8]);
    r.editor.feed("\x01");
    expect(r.screen.cursor).toEqual([0, 2]);
  });
});

describe("LineEditor: accept, type-ahead and interrupt", () => {
  it("Enter prints CR LF, hands the line over and suspends until resume()", () => {
    const r = rig();
    r.editor.feed("echo hi\r");
    expect(r.accepted).toEqual(["echo hi"]);
    expect(r.editor.busy).toBe(true);
    expect(r.screen.cursor).toEqual([1, 0]);
    r.screen.write("hi\r\n");
    r.editor.resume();
    expect(r.editor.busy).toBe(false);
    expect(r.screen.all()).toBe("$ echo hi\nhi\n$");
    expect(r.screen.cursor).toEqual([2, 2]);
  });

  it("runs a paste of three lines typed ahead while suspended in order, one per resume()", () => {
    const r = rig();
    r.editor.feed("sleep 1\r");
    r.editor.feed("echo a\recho b\recho c\r");
    expect(r.accepted).toEqual(["sleep 1"]);
    r.editor.resume();
    expect(r.accepted).toEqual(["sleep 1", "echo a"]);
    expect(r.editor.busy).toBe(true);
    r.editor.resume();
    r.editor.resume();
    expect(r.accepted).toEqual(["sleep 1", "echo a", "echo b", "echo c"]);
    r.editor.resume();
    expect(r.editor.busy).toBe(false);
    expect(r.screen.all()).toBe("$ sleep 1\n$ echo a\n$ echo b\n$ echo c\n$");
  });

  it("accepts \\r\\n once and runs a bracketed paste line by line", () => {
    const r = rig({ syncResume: true });
    r.editor.feed("\x1b[200~echo a\r\necho b\n\x1b[201~");
    expect(r.accepted).toEqual(["echo a", "echo b"]);
  });

  it("C-c while suspended interrupts at once and drops the type-ahead", () => {
    const r = rig();
    r.editor.feed("sleep 10\r");
    r.editor.feed("ls\r");
    r.editor.feed("\x03");
    expect(r.interrupts).toBe(1);
    r.editor.resume();
    expect(r.accepted).toEqual(["sleep 10"]);
    expect(r.editor.line).toBe("");
    // In one chunk: the text before ^C is flushed, the text after it is kept.
    r.editor.feed("sleep 5\rabc\x03def");
    expect(r.interrupts).toBe(2);
    r.editor.resume();
    expect(r.editor.line).toBe("def");
    expect(r.accepted).toEqual(["sleep 10", "sleep 5"]);
  });

  it("survives resume() called from inside the callbacks", () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `echo ${i}`);
    const r = rig({ syncResume: true });
    r.editor.feed(lines.join("\r") + "\r");
    expect(r.accepted).toEqual(lines);
    expect(r.editor.busy).toBe(false);
  });

  it("handles a 1 MB paste in bounded time, capping one line at 64 KiB with one bell", () => {
    let bells = 0;
    let accepted = 0;
    const editor: LineEditor = new LineEditor({
      write: (d) => {
        for (const ch of d) if (ch === "\x07") bells++;
      },
      prompt: () => "$ ",
      columns: () => 80,
      history: () => [],
      onAccept: () => {
        accepted++;
        editor.resume();
      },
      onInterrupt: () => {},
    });
    editor.start();
    const t0 = performance.now();
    editor.feed("x".repeat(1 << 20));
    expect(editor.line.length).toBe(maxLineLength);
    expect(bells).toBe(1);
    editor.feed("\x15" + "echo 0123456789\r".repeat(65_536)); // 1 MiB of short lines
    expect(accepted).toBe(65_536);
    expect(performance.now() - t0).toBeLessThan(10_000);
  });
});

// ---- properties ---------------------------------------------------------------------------------

/** Independent layout: xterm's autowrap applied to prompt + line; cursor where its cluster is drawn. */
function expectedLayout(prompt: string, line: string, cursor: number, cols: number) {
  let row = 0;
  let col = 0;
  let cursorPos: [number, number] | undefined;
  const text = stripControlSequences(prompt) + line;
  const cursorAt = text.length - line.length + cursor;
  for (let i = 0; i <= text.length; i++) {
    const cp = i < text.length ? (text.codePointAt(i) ?? 0) : -1;
    const w = cp < 0 ? 0 : codePointWidth(cp);
    if (i === cursorAt) {
      cursorPos = col >= cols || (w > 0 && col + w > cols) ? [row + 1, 0] : [row, col];
    }
    if (cp < 0) break;
    if (cp > 0xffff) i++;
    if (w === 0) continue;
    if (col + w > cols) {
      row++;
      col = 0;
    }
    col += w;
  }
  return { endRow: row, cursor: cursorPos ?? [row, col] };
}

describe("LineEditor: fuzz", () => {
  const pieces = [
    "a",
    "b",
    " ",
    "-",
    "한",
    "국",
    "\u1100",
    "\u1161",
    "\u11ab",
    "\u0301",
    "😀",
    "🏽",
    "\u200d",
    "中",
    "Ａ",
    LEFT,
    RIGHT,
    UP,
    DOWN,
    "\x7f",
    "\b",
    "\x1b[3~",
    "\x01",
    "\x05",
    "\x04",
    "\x0b",
    "\x15",
    "\x17",
    "\x19",
    "\x1bb",
    "\x1bf",
    "\x1bd",
    "\x1b\x7f",
    "\x1b[1;5D",
    "\t",
    "\t",
    "\x0c",
    "\x03",
    "\r",
    "\x1b[200~",
    "\x1b[201~",
  ];
  const complete = (line: string, cursor: number): Completion => {
    const start = line.lastIndexOf(" ", cursor - 1) + 1;
    const word = line.slice(start, cursor);
    return { start, candidates: ["ab", "a한", "a-b/", "b"].filter((w) => w.startsWith(word)) };
  };

  it("the screen always shows prompt + line with the cursor on its cluster", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 24 }),
        fc.array(fc.constantFrom(...pieces), { maxLength: 60 }),
        fc.boolean(),
        (cols, keys, colouredPrompt) => {
          const prompt = colouredPrompt ? "\x1b[32m한$\x1b[0m " : "$ ";
          const r = rig({ cols, rows: 200, complete, prompt });
          for (const key of keys) {
            r.editor.feed(key);
            if (r.editor.busy) r.editor.resume();
          }
          const { editor, screen } = r;
          const layout = expectedLayout(prompt, editor.line, editor.cursor, cols);
          const top = screen.y - layout.cursor[0];
          expect(top).toBeGreaterThanOrEqual(0);
          expect(screen.x).toBe(layout.cursor[1]);
          let shown = "";
          for (let y = top; y <= top + layout.endRow; y++) {
            shown += (screen.grid[y] ?? []).map((c) => c.text).join("");
          }
          expect(shown).toBe(stripControlSequences(prompt) + editor.line);
          for (let y = top + layout.endRow + 1; y < screen.rows; y++) expect(screen.text(y)).toBe("");
          expect(screen.orphanZeroWidth).toBe(0);
        },
      ),
      { numRuns: 400 },
    );
  });

  it("never throws on arbitrary input; cursor stays on a grapheme boundary inside the line", () => {
    const chunk = fc.oneof(
      fc.string({ unit: "binary", maxLength: 40 }),
      fc
        .array(fc.constantFrom(...pieces, "\x1b", "[", "O", "]", "\x07", "\ud83d", "\ude00", "\n"), {
          maxLength: 40,
        })
        .map((a) => a.join("")),
      fc.string({ unit: "grapheme", minLength: 1000, maxLength: 5000 }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.array(chunk, { maxLength: 12 }), (cols, chunks) => {
        const editor: LineEditor = new LineEditor({
          write: () => {},
          prompt: () => "> ",
          columns: () => cols,
          history: () => ["ls", "한국어"],
          complete,
          onAccept: () => {},
          onInterrupt: () => {},
          onEof: () => {},
        });
        editor.start();
        for (const data of chunks) {
          editor.feed(data);
          if (editor.busy && data.length % 2 === 0) editor.resume();
          expect(editor.cursor).toBeGreaterThanOrEqual(0);
          expect(editor.cursor).toBeLessThanOrEqual(editor.line.length);
          expect(editor.line.length).toBeLessThanOrEqual(maxLineLength);
          expect(isGraphemeBoundary(editor.line, editor.cursor)).toBe(true);
        }
        editor.redraw();
      }),
      { numRuns: 300 },
    );
  });
});
