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

  it("runs submitted lines after the running command, reports each with its origin, output and status", async () => {
    const { s, screen } = session();
    const records: {
      command: string;
      status: number;
      output: string;
      origin: string;
      id: string | undefined;
    }[] = [];
    s.onCommand((r) => records.push({ ...r }));
    await s.start();
    s.feed("sleep 1\r");
    s.submit("echo from-host", "host", "q1");
    s.submit("false", "script");
    await settle(s);
    expect(records).toEqual([
      { command: "sleep 1", status: 0, output: "", origin: "reader", id: undefined },
      { command: "echo from-host", status: 0, output: "from-host\n", origin: "host", id: "q1" },
      { command: "false", status: 1, output: "", origin: "script", id: undefined },
    ]);
    expect(screen()).toContain("root@lab:~# echo from-host\nfrom-host\n");
    expect(s.log).toEqual(["sleep 1", "echo from-host", "false"]);
  });

  it("moves the reader's half-typed line to the kill ring before a submitted line", async () => {
    const { s, screen } = session();
    const records: string[] = [];
    s.onCommand((r) => records.push(r.command));
    await s.start();
    s.feed("echo half");
    s.submit("echo whole", "host");
    await settle(s);
    s.feed("\x19\r");
    await settle(s);
    expect(records).toEqual(["echo whole", "echo half"]);
    expect(screen()).toContain("half\n");
  });

  it("a listener that throws does not stop the console", async () => {
    const { s, screen } = session();
    s.onCommand(() => {
      throw new Error("host page bug");
    });
    await s.start();
    s.submit("echo one", "host");
    s.submit("echo two", "host");
    await settle(s);
    expect(screen()).toContain("two\n");
  });

  it("reset interrupts, drops the queue and starts over from the scenario", async () => {
    const { s, screen } = session();
    await s.start();
    s.feed("mkdir /tmp/made\rsleep 100\r");
    s.submit("echo never", "host");
    await new Promise((resolve) => setImmediate(resolve));
    await s.reset();
    await settle(s);
    expect(screen()).not.toContain("never");
    expect(s.log).toEqual([]);
    s.submit("ls -d /tmp/made", "host");
    await settle(s);
    expect(screen()).toMatch(/No such file or directory\n/);
    expect(s.lab.host.clock.nowUs).toBe(0);
  });
});
