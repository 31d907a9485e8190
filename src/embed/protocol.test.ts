import { describe, expect, it } from "vitest";
import { embedMessage, maxOutputChars, parseHostMessage, plainOutput } from "./protocol";

const run = (fields: Record<string, unknown>): Record<string, unknown> => ({
  source: "vmlab",
  version: 1,
  type: "run",
  command: "ls",
  ...fields,
});

describe("host → embed messages", () => {
  it("accepts the documented run and reset messages", () => {
    expect(parseHostMessage(run({}))).toEqual({ type: "run", command: "ls" });
    expect(parseHostMessage(run({ id: "step-2.a:1" }))).toEqual({
      type: "run",
      command: "ls",
      id: "step-2.a:1",
    });
    expect(parseHostMessage({ source: "vmlab", version: 1, type: "reset" })).toEqual({ type: "reset" });
    expect(parseHostMessage(run({ command: "echo '안녕 <b>' && cat /proc/self/status" }))).toEqual({
      type: "run",
      command: "echo '안녕 <b>' && cat /proc/self/status",
    });
  });

  it("ignores other sources, versions and types", () => {
    for (const data of [
      run({ source: "other" }),
      run({ source: undefined }),
      run({ version: 2 }),
      run({ version: "1" }),
      run({ type: "eval" }),
      run({ type: "command" }),
      run({ type: "height" }),
      run({ type: "RUN" }),
      { source: "vmlab", version: 1, type: "reset", extra: true },
    ]) {
      expect(parseHostMessage(data), JSON.stringify(data)).toBeUndefined();
    }
  });

  it("ignores values that are not plain objects", () => {
    class Message {
      source = "vmlab";
      version = 1;
      type = "reset";
    }
    for (const data of [null, undefined, "ls", 1, ["vmlab", 1, "reset"], new Message(), new Map()]) {
      expect(parseHostMessage(data)).toBeUndefined();
    }
    expect(parseHostMessage(JSON.stringify(run({})))).toBeUndefined();
  });

  it("ignores wrong field types, extra fields, and oversized or control-laden commands", () => {
    for (const data of [
      run({ command: 42 }),
      run({ command: ["ls"] }),
      run({ command: { toString: () => "ls" } }),
      run({ command: "" }),
      run({ command: "   " }),
      run({ command: "ls\nrm -rf /" }),
      run({ command: "ls\x1b[A" }),
      run({ command: "ls\t" }),
      run({ command: "\x03" }),
      run({ command: "x".repeat(1024 * 1024) }),
      run({ id: 7 }),
      run({ id: "" }),
      run({ id: "<script>" }),
      run({ id: "a".repeat(65) }),
      run({ onmessage: "alert(1)" }),
    ]) {
      expect(parseHostMessage(data), JSON.stringify(data).slice(0, 80)).toBeUndefined();
    }
  });
});

describe("embed → host messages", () => {
  it("carry the source and version", () => {
    expect(embedMessage({ type: "height", height: 420 })).toEqual({
      source: "vmlab",
      version: 1,
      type: "height",
      height: 420,
    });
  });

  it("command output is plain text, capped", () => {
    expect(plainOutput("\x1b[1;34mdemo\x1b[0m\r\nok\n")).toEqual({ output: "demo\nok\n", truncated: false });
    expect(plainOutput("\x1b]0;title\x07x")).toEqual({ output: "x", truncated: false });
    const long = plainOutput("가".repeat(maxOutputChars + 5));
    expect(long.truncated).toBe(true);
    expect(long.output.length).toBe(maxOutputChars);
  });
});
