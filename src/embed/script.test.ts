import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { decodeScript, encodeScript, maxCommandChars, maxRunParamChars, maxScriptCommands } from "./script";

/** Text a reader can type at a prompt: anything but control characters and newlines. */
const typedText = fc
  .string({ unit: "grapheme", maxLength: 60 })
  .map((s) => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, ""));

describe("run= script codec", () => {
  it("round-trips any typed command text: Hangul, emoji, quotes, &, #, %, +, =", () => {
    const commands = [
      'echo "안녕하세요 & 반갑습니다" # 주석',
      "echo 'a+b=c' 100% ?x=1&y=2",
      "printf '%s\\n' 🐧 $HOME",
      "",
      "   ",
    ];
    const encoded = encodeScript(commands);
    expect(encoded.ok).toBe(true);
    if (!encoded.ok) return;
    expect(encoded.value).toMatch(/^[A-Za-z0-9_-]*$/);
    expect(decodeScript(encoded.value)).toEqual({ ok: true, commands });
    // The value survives a query string untouched.
    const query = new URLSearchParams({ run: encoded.value });
    expect(new URLSearchParams(query.toString()).get("run")).toBe(encoded.value);
  });

  it("round-trips arbitrary commands (property)", () => {
    fc.assert(
      fc.property(fc.array(typedText, { minLength: 1, maxLength: 8 }), (commands) => {
        // A script of one empty command is the empty script.
        fc.pre(!(commands.length === 1 && commands[0] === ""));
        const encoded = encodeScript(commands);
        if (!encoded.ok) return false;
        const decoded = decodeScript(encoded.value);
        return decoded.ok && JSON.stringify(decoded.commands) === JSON.stringify(commands);
      }),
    );
  });

  it("accepts padding and standard-length values, an empty value is no commands", () => {
    expect(decodeScript("")).toEqual({ ok: true, commands: [] });
    expect(decodeScript("bHM=")).toEqual({ ok: true, commands: ["ls"] });
    expect(decodeScript("bHM")).toEqual({ ok: true, commands: ["ls"] });
  });

  it("refuses broken encodings", () => {
    for (const bad of [
      "bHM+",
      "bH/M",
      "b",
      "bHM===",
      "%%%",
      "bHM\u0000",
      "a b",
      "<script>",
      "javascript:alert(1)",
    ]) {
      expect(decodeScript(bad), bad).toEqual({ ok: false, problem: "run-encoding" });
    }
    // 0xC3 0x28 is malformed UTF-8 (a lead byte followed by ASCII).
    expect(decodeScript(btoa("\xc3\x28").replace(/=+$/, ""))).toEqual({ ok: false, problem: "run-encoding" });
    // An unpaired surrogate encoded as CESU-style UTF-8 (ED A0 80) is not UTF-8.
    expect(decodeScript(btoa("\xed\xa0\x80"))).toEqual({ ok: false, problem: "run-encoding" });
  });

  it("refuses a 1 MB script before decoding it", () => {
    const huge = "A".repeat(1024 * 1024);
    expect(decodeScript(huge)).toEqual({ ok: false, problem: "run-too-long" });
    expect(encodeScript(["x".repeat(1000)].concat(Array(20).fill("y".repeat(1000))))).toMatchObject({
      ok: false,
    });
    expect(decodeScript("A".repeat(maxRunParamChars + 4))).toEqual({ ok: false, problem: "run-too-long" });
  });

  it("refuses control characters, which the console would read as keys", () => {
    for (const command of ["ls\tx", "echo \x1b[A", "a\x03", "\x7f", "x\u0085y", "a\rb"]) {
      expect(encodeScript([command]), JSON.stringify(command)).toEqual({ ok: false, problem: "run-control" });
      const raw = btoa(String.fromCharCode(...new TextEncoder().encode(command)));
      expect(decodeScript(raw), JSON.stringify(command)).toEqual({ ok: false, problem: "run-control" });
    }
  });

  it("caps the number of commands and the length of one", () => {
    expect(encodeScript(Array(maxScriptCommands + 1).fill("ls"))).toEqual({
      ok: false,
      problem: "run-too-many",
    });
    expect(encodeScript(Array(maxScriptCommands).fill("ls")).ok).toBe(true);
    expect(encodeScript(["e".repeat(maxCommandChars + 1)])).toEqual({
      ok: false,
      problem: "run-command-too-long",
    });
  });

  it("keeps markup as plain command text (it is typed, never rendered)", () => {
    const commands = ["echo '<script>alert(1)</script>'", "echo javascript:alert(1)"];
    const encoded = encodeScript(commands);
    expect(encoded.ok && decodeScript(encoded.value)).toEqual({ ok: true, commands });
  });
});
