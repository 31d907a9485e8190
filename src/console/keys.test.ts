import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KeyDecoder } from "./keys";
import type { Key } from "./keys";

function decode(...chunks: string[]): Key[] {
  const decoder = new KeyDecoder();
  const keys: Key[] = [];
  for (const chunk of chunks) {
    decoder.push(chunk);
    for (let key = decoder.next(); key; key = decoder.next()) keys.push(key);
  }
  return keys;
}

const k = (name: string): Key => ({ kind: "key", name }) as Key;
const t = (text: string): Key => ({ kind: "text", text });

describe("KeyDecoder", () => {
  it("maps xterm cursor and editing keys in normal and application mode", () => {
    expect(decode("\x1b[A\x1b[B\x1b[C\x1b[D\x1bOA\x1bOB\x1bOC\x1bOD")).toEqual(
      ["up", "down", "right", "left", "up", "down", "right", "left"].map(k),
    );
    expect(decode("\x1b[H\x1b[F\x1bOH\x1bOF\x1b[1~\x1b[4~\x1b[7~\x1b[8~")).toEqual(
      ["home", "end", "home", "end", "home", "end", "home", "end"].map(k),
    );
    expect(decode("\x1b[3~\x7f\b")).toEqual(["delete", "backspace", "backspace"].map(k));
  });

  it("reads the xterm modifier parameter: Ctrl/Alt + arrow move by word", () => {
    // ctlseqs: parameter = 1 + modifiers (shift 1, alt 2, ctrl 4); 5 = ctrl, 3 = alt, 2 = shift.
    expect(decode("\x1b[1;5D\x1b[1;5C\x1b[1;3D\x1b[1;2C")).toEqual(
      ["wordLeft", "wordRight", "wordLeft", "right"].map(k),
    );
  });

  it("maps readline's emacs control and meta keys", () => {
    expect(decode("\x01\x02\x03\x04\x05\x06\t\x0b\x0c\x0e\x10\x15\x17\x19")).toEqual(
      [
        "home",
        "left",
        "interrupt",
        "deleteOrEof",
        "end",
        "right",
        "tab",
        "killToEnd",
        "clearScreen",
        "down",
        "up",
        "killToStart",
        "killWordBack",
        "yank",
      ].map(k),
    );
    expect(decode("\x1bb\x1bf\x1bd\x1b\x7f")).toEqual(
      ["wordLeft", "wordRight", "killWordForward", "killAlnumWordBack"].map(k),
    );
  });

  it("counts CR LF as one Enter, even split across chunks, but CR CR as two", () => {
    expect(decode("a\r\nb")).toEqual([t("a"), k("enter"), t("b")]);
    expect(decode("a\r", "\nb")).toEqual([t("a"), k("enter"), t("b")]);
    expect(decode("\n\n")).toEqual([k("enter"), k("enter")]);
    expect(decode("\r\r")).toEqual([k("enter"), k("enter")]);
  });

  it("decodes a sequence split at every possible point", () => {
    const seq = "x\x1b[1;5Dy";
    for (let i = 0; i <= seq.length; i++) {
      for (let j = i; j <= seq.length; j++) {
        expect(
          decode(seq.slice(0, i), seq.slice(i, j), seq.slice(j)).filter((key) => key.kind === "key"),
        ).toEqual([k("wordLeft")]);
      }
    }
  });

  it("joins a surrogate pair split across chunks and replaces lone surrogates", () => {
    expect(decode("\ud83d", "\ude00")).toEqual([t("😀")]);
    expect(decode("a\udc00b")).toEqual([t("a\ufffdb")]);
    expect(decode("a\ud800b")).toEqual([t("a\ufffdb")]);
  });

  it("consumes unknown, private, intermediate and string sequences without text", () => {
    const noise = [
      "\x1b[?1;2c", // DA response
      "\x1b[>0;276;0c", // secondary DA
      "\x1b[<0;10;5M", // SGR mouse
      "\x1b[5~\x1b[6~\x1b[2~", // PgUp PgDn Insert
      "\x1b[1 q", // intermediate byte
      "\x1b]0;title\x07", // OSC ended by BEL
      "\x1b]11;rgb:0000/0000/0000\x1b\\", // OSC ended by ST
      "\x1bP1$r0m\x1b\\", // DCS
      "\x1b_apc\x1b\\",
      "\x1b[I\x1b[O", // focus in/out
      "\x1b[12;3\x18", // aborted by CAN
      "\x1bOP", // F1
    ].join("");
    expect(decode(noise)).toEqual([]);
    expect(decode(noise + "ok")).toEqual([t("ok")]);
  });

  it("executes C0 inside a CSI and restarts on ESC, as the DEC parser does", () => {
    expect(decode("\x1b[1\x02;5D")).toEqual([k("left"), k("wordLeft")]);
    expect(decode("\x1b[12\x1b[D")).toEqual([k("left")]);
  });

  it("ends a malformed sequence at a non-ASCII character and keeps the character", () => {
    expect(decode("\x1b[1한")).toEqual([t("한")]);
    expect(decode("\x1b한")).toEqual([t("한")]);
  });

  it("inside a bracketed paste inserts text, submits lines, ignores keys", () => {
    expect(decode("\x1b[200~ls\x01\x1b[D\tx\r\nb\x1b[201~\x1b[D")).toEqual([
      t("ls"),
      t(" "),
      t("x"),
      k("enter"),
      t("b"),
      k("left"),
    ]);
  });

  it("takeInterrupt drops pending input through the first C-c and keeps what follows", () => {
    const decoder = new KeyDecoder();
    decoder.push("abc\x1b[");
    decoder.push("1\x03def");
    expect(decoder.takeInterrupt()).toBe(true);
    expect(decoder.next()).toEqual(t("def"));
    expect(decoder.takeInterrupt()).toBe(false);
  });

  it("bounds a text run so one step stays cheap", () => {
    const keys = decode("x".repeat(10_000));
    expect(keys.map((key) => (key.kind === "text" ? key.text.length : 0))).toEqual([4096, 4096, 1808]);
  });

  it("never throws and never returns text with controls or lone surrogates", () => {
    const alphabet = fc.constantFrom(
      "\x1b",
      "[",
      "O",
      "]",
      "P",
      "\\",
      "1",
      ";",
      "5",
      "~",
      "A",
      "\x07",
      "\x03",
      "\r",
      "\n",
      "\x7f",
      "a",
      "한",
      "\ud83d",
      "\ude00",
      "200~",
      "201~",
      "\x18",
    );
    fc.assert(
      fc.property(
        fc.array(
          fc.array(alphabet, { maxLength: 30 }).map((a) => a.join("")),
          { maxLength: 8 },
        ),
        (chunks) => {
          for (const key of decode(...chunks)) {
            if (key.kind === "text") {
              expect(key.text).not.toMatch(/[\x00-\x1f\x7f-\x9f]/);
              expect(key.text.isWellFormed()).toBe(true);
              expect(key.text.length).toBeGreaterThan(0);
            }
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
