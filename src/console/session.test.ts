import { describe, expect, it } from "vitest";
import { ConsoleSession } from "./session";

function session(replay: string[] = []): { s: ConsoleSession; screen: () => string } {
  let out = "";
  const s = new ConsoleSession({
    lang: "en",
    scenario: "default",
    replay,
    terminal: { write: (d) => (out += d), columns: () => 80 },
    yieldToTasks: () => new Promise((resolve) => setImmediate(resolve)),
  });
  // Strip colours and cursor movement so the assertions read like the screen's text.
  const screen = (): string => out.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "").replace(/\r/g, "");
  return { s, screen };
}

async function settle(s: ConsoleSession): Promise<void> {
  for (let i = 0; i < 200 && (s.editor.busy || s.lab.active.busy); i++) {
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe("console session (line editor + shell, no DOM)", () => {
  it("replays the transcript, then shows a prompt", async () => {
    const { s, screen } = session(["nproc"]);
    await s.start();
    expect(screen()).toBe("root@lab:~# nproc\n4\nroot@lab:~# ");
  });

  it("runs a pasted block of lines one after another, in order", async () => {
    const { s, screen } = session();
    await s.start();
    s.feed("echo one\recho two\rsleep 1; echo three\r");
    await settle(s);
    expect(screen()).toContain("one\n");
    const text = screen();
    expect(text.indexOf("one\n")).toBeLessThan(text.indexOf("two\n"));
    expect(text.indexOf("two\n")).toBeLessThan(text.indexOf("three\n"));
    expect(s.lab.host.clock.nowUs).toBe(1_000_000);
  });

  it("keeps what is typed during a run and runs it afterwards", async () => {
    const { s, screen } = session();
    await s.start();
    s.feed("sleep 1\recho typed-ahead\r");
    await settle(s);
    expect(screen()).toContain("typed-ahead\n");
  });
});
