import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { testLab } from "./testing";
import { terminalOutputLimitBytes } from "./shell";

// Bad input never breaks the shell: whatever is typed, run() settles with a status, output stays
// bounded, and the shell still answers afterwards.
const fragments = [
  "echo",
  "'",
  '"',
  "$(",
  ")",
  "`",
  "|",
  "||",
  "&&",
  ";",
  "&",
  ">",
  ">>",
  "<",
  "2>&1",
  "\\",
  "$",
  "${",
  "}",
  "*",
  "~",
  "\n",
  "\x1b[A",
  "\x00",
  "yes",
  "sleep 1",
  "cat /proc/self/status",
  "한글",
  "(",
  " ",
];

describe("shell fuzz", () => {
  it("settles on any line, bounded, and still answers echo ok", async () => {
    const { run } = testLab();
    const line = fc.oneof(
      fc.string({ unit: "binary", maxLength: 200 }),
      fc.array(fc.constantFrom(...fragments), { maxLength: 40 }).map((parts) => parts.join(" ")),
      fc.array(fc.constantFrom(...fragments), { maxLength: 40 }).map((parts) => parts.join("")),
    );
    await fc.assert(
      fc.asyncProperty(line, async (text) => {
        const r = await run(text);
        expect(Number.isInteger(r.status)).toBe(true);
        expect(r.status).toBeGreaterThanOrEqual(0);
        expect(r.status).toBeLessThan(256);
        // One line can hold several commands, each bounded; the notice adds a line per command.
        expect(r.out.length).toBeLessThan(16 * (terminalOutputLimitBytes + 512));
      }),
      { numRuns: 300, seed: 42 },
    );
    expect((await run("echo ok")).out).toBe("ok\n");
  }, 60_000);

  it("survives a 1 MB line and deep nesting", async () => {
    const { run } = testLab();
    expect((await run(`echo ${"a".repeat(1 << 20)} | wc -c`)).out).toBe(`${(1 << 20) + 1}\n`);
    const deep = await run(`${"$(".repeat(10_000)}echo x${")".repeat(10_000)}`);
    expect(deep.status).toBe(2);
    const unbalanced = await run(`echo "${"'".repeat(1001)}`);
    expect(unbalanced.status).toBe(2);
    expect((await run("echo ok")).out).toBe("ok\n");
  }, 60_000);
});
