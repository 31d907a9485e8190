import { describe, expect, it } from "vitest";
import { testLab } from "./testing";
import { terminalOutputLimitBytes } from "./shell";
import type { Pacer } from "../core/pacer";

// Expected values follow bash(1) and GNU coreutils; each case says which rule it checks.

describe("quoting and expansion (bash(1) EXPANSION, QUOTING)", () => {
  it("splits unquoted parameter expansions into fields, keeps quoted ones whole", async () => {
    const { run } = testLab();
    await run("x='a   b'");
    expect((await run("printf '[%s]' $x")).out).toBe("[a][b]");
    expect((await run("printf '[%s]' \"$x\"")).out).toBe("[a   b]");
  });

  it("keeps empty quoted words and drops empty unquoted expansions", async () => {
    const { run } = testLab();
    expect((await run("printf '[%s]' '' $nothing x")).out).toBe("[][x]");
  });

  it("expands $? to the last status and $(…) with trailing newlines removed", async () => {
    const { run } = testLab();
    await run("false");
    expect((await run("echo $?")).out).toBe("1\n");
    expect((await run("echo \"[$(printf 'a\\n\\n')]\"")).out).toBe("[a]\n");
  });

  it("does not glob quoted patterns, globs unquoted ones, and leaves a non-matching pattern as written", async () => {
    const { run } = testLab();
    await run("touch /tmp/a1 /tmp/a2 /tmp/b1");
    expect((await run("echo /tmp/a*")).out).toBe("/tmp/a1 /tmp/a2\n");
    expect((await run("echo '/tmp/a*'")).out).toBe("/tmp/a*\n");
    expect((await run("echo /tmp/zz*")).out).toBe("/tmp/zz*\n");
  });

  it("passes VAR=value cmd to the command's environment only", async () => {
    const { run } = testLab();
    expect((await run("GREETING=hi env | grep GREETING")).out).toBe("GREETING=hi\n");
    expect((await run('echo "[$GREETING]"')).out).toBe("[]\n");
    await run("export GREETING=hello");
    expect((await run("env | grep GREETING")).out).toBe("GREETING=hello\n");
  });

  it("evaluates $(( )) with variables, and reports division by zero like bash", async () => {
    const { run } = testLab();
    await run("x=7");
    expect((await run("echo $((1 + 2 * 3)) $((x % 4)) $(($x * x)) $((16#ff))")).out).toBe("7 3 49 255\n");
    const r = await run("echo $((1/0))");
    expect(r.out).toBe('bash: 1/0: division by 0 (error token is "0")\n');
    expect(r.status).toBe(1);
    // `$((` without a matching `))` is a command substitution of a subshell.
    expect((await run("echo $((echo hi) )")).out).toBe("hi\n");
  });

  it("expands ~ to $HOME", async () => {
    const { run } = testLab();
    expect((await run("echo ~ ~/x")).out).toBe("/root /root/x\n");
  });
});

describe("exit statuses (bash(1) EXIT STATUS)", () => {
  it("127 for an unknown command, with bash's message", async () => {
    const { run } = testLab();
    const r = await run("no-such-cmd");
    expect(r.status).toBe(127);
    expect(r.out).toBe("bash: no-such-cmd: command not found\n");
  });

  it("2 for a syntax error, worded like bash", async () => {
    const { run } = testLab();
    const r = await run("echo a | | b");
    expect(r.status).toBe(2);
    expect(r.out).toBe("bash: syntax error near unexpected token '|'\n");
  });

  it("&& and || short-circuit on the status, ! inverts it", async () => {
    const { run } = testLab();
    expect((await run("false && echo no || echo yes")).out).toBe("yes\n");
    expect((await run("! false")).status).toBe(0);
  });

  it("137 and 'Killed' when a process is killed with SIGKILL", async () => {
    const { run } = testLab();
    await run("sleep 100 &");
    const r = await run("kill -9 %1; wait %1");
    expect(r.status).toBe(137);
  });
});

describe("redirections (bash(1) REDIRECTION)", () => {
  it("> truncates, >> appends, < reads", async () => {
    const { run } = testLab();
    await run("echo one > /tmp/f; echo two >> /tmp/f");
    expect((await run("cat < /tmp/f")).out).toBe("one\ntwo\n");
    await run("echo three > /tmp/f");
    expect((await run("cat /tmp/f")).out).toBe("three\n");
  });

  it("2>&1 sends errors down the pipe, 2>/dev/null discards them", async () => {
    const { run } = testLab();
    expect((await run("cat /nope 2>&1 | wc -l")).out).toBe("1\n");
    expect((await run("cat /nope 2>/dev/null")).out).toBe("");
  });

  it("reports a redirection into a missing directory like bash, status 1", async () => {
    const { run } = testLab();
    const r = await run("echo x > /missing/dir/f");
    expect(r.status).toBe(1);
    expect(r.out).toBe("bash: /missing/dir/f: No such file or directory\n");
  });
});

describe("pipelines", () => {
  it("connects commands and returns the last one's status", async () => {
    const { run } = testLab();
    expect((await run("printf 'b\\na\\nb\\n' | sort | uniq -c")).out).toBe("      1 a\n      2 b\n");
    expect((await run("true | false")).status).toBe(1);
  });

  it("stops an endless writer when the reader closes (SIGPIPE)", async () => {
    const { run } = testLab();
    const r = await run("yes | head -n 2");
    expect(r.out).toBe("y\ny\n");
    expect(r.status).toBe(0);
  });
});

describe("bounded output", () => {
  it("stops a command that floods the terminal and says so", async () => {
    const { run } = testLab();
    const r = await run("yes");
    expect(r.out.length).toBeLessThan(terminalOutputLimitBytes + 500);
    expect(r.out).toContain(`stopped after ${terminalOutputLimitBytes} bytes`);
    expect(r.status).toBe(141);
    expect((await run("echo ok")).out).toBe("ok\n");
  });
});

describe("jobs and simulated time", () => {
  it("runs & in the background, lists it, and wait lets simulated time pass", async () => {
    const { run, lab } = testLab();
    const started = await run("sleep 5 &");
    expect(started.out).toMatch(/^\[1\] \d+\n$/);
    expect((await run("jobs")).out).toBe("[1]+  Running                 sleep 5 &\n");
    expect(lab.host.clock.nowUs).toBe(0);
    await run("wait");
    expect(lab.host.clock.nowUs).toBe(5_000_000);
    expect((await run("date +%T")).out).toBe("09:00:05\n");
  });

  it("jobs reports a finished job once, and it is not notified again", async () => {
    const { run } = testLab();
    const r = await run("sleep 1 & sleep 2; jobs");
    expect(r.out.replace(/^\[1\] \d+\n/, "")).toBe("[1]+  Done                    sleep 1\n");
  });

  it("reports a finished background job before the next prompt", async () => {
    const { run } = testLab();
    await run("sleep 1 &");
    const r = await run("sleep 2");
    expect(r.out).toBe("[1]+  Done                    sleep 1\n");
  });

  it("Ctrl-C stops a long run at the current simulated instant with status 130", async () => {
    // A pacer that moves one simulated second per step and yields between steps, like frames in the page.
    const stepping: Pacer = {
      async advance(clock, untilUs, stop) {
        while (clock.nowUs < untilUs) {
          await new Promise((resolve) => setImmediate(resolve));
          if (stop()) return false;
          if (!clock.runUntil(Math.min(untilUs, clock.nowUs + 1_000_000), stop)) return false;
        }
        return true;
      },
    };
    const { run, lab } = testLab({ pacer: stepping });
    const pending = run("sleep 100; echo not-reached");
    while (lab.host.clock.nowUs < 3_000_000) await new Promise((resolve) => setImmediate(resolve));
    lab.shell.interrupt();
    const r = await pending;
    expect(r.status).toBe(130);
    expect(r.out).not.toContain("not-reached");
    expect(lab.host.clock.nowUs).toBeGreaterThanOrEqual(3_000_000);
    expect(lab.host.clock.nowUs).toBeLessThan(10_000_000);
    expect((await run("echo ok")).out).toBe("ok\n");
  });
});

describe("filesystem and /proc", () => {
  it("reports the machine through /proc as the kernel formats it", async () => {
    const { run } = testLab();
    expect((await run("grep -c ^processor /proc/cpuinfo")).out).toBe("4\n");
    expect((await run("head -1 /proc/meminfo")).out).toBe(`MemTotal:        ${8 * 1024 * 1024} kB\n`);
    const self = await run("cat /proc/self/status | grep ^Name");
    expect(self.out).toBe("Name:\tcat\n");
  });

  it("mkdir, cd, pwd, rmdir and their errors", async () => {
    const { run } = testLab();
    await run("mkdir -p /tmp/x/y && cd /tmp/x/y");
    expect((await run("pwd")).out).toBe("/tmp/x/y\n");
    await run("cd ..");
    const r = await run("rmdir /tmp/x");
    expect(r.out).toBe("rmdir: failed to remove '/tmp/x': Directory not empty\n");
    expect(r.status).toBe(1);
    expect((await run("cd /nope")).out).toBe("bash: cd: /nope: No such file or directory\n");
  });

  it("refuses to create files in /proc", async () => {
    const { run } = testLab();
    const r = await run("touch /proc/x");
    expect(r.status).toBe(1);
  });
});

describe("bilingual messages", () => {
  it("prints the same error in Korean with the same numbers and names", async () => {
    const en = await testLab({ lang: "en" }).run("ls /nope");
    const ko = await testLab({ lang: "ko" }).run("ls /nope");
    expect(en.out).toBe("ls: cannot access '/nope': No such file or directory\n");
    expect(ko.out).toBe("ls: '/nope'에 접근할 수 없습니다: 그런 파일이나 디렉터리가 없습니다\n");
    expect(ko.status).toBe(en.status);
  });
});

describe("help and usage from the registry", () => {
  it("every command answers --help (except echo) and man, in both languages", async () => {
    for (const lang of ["en", "ko"] as const) {
      const { run, lab } = testLab({ lang });
      for (const name of lab.shell.registry.names()) {
        const spec = lab.shell.registry.get(name)!;
        if (spec.noHelpOption === true) continue;
        const help = await run(`${name} --help`);
        expect(help.status, `${name} --help`).toBe(0);
        expect(help.out).toContain(spec.synopsis);
        expect(help.out).toContain(spec.summary[lang]);
        const man = await run(`man ${name}`);
        expect(man.out).toContain(spec.summary[lang]);
      }
    }
  });

  it("answers an invalid option with a coreutils-style message and a non-zero status", async () => {
    const { run } = testLab();
    const r = await run("ls -Z");
    expect(r.status).toBe(2);
    expect(r.out).toBe("ls: invalid option -- 'Z'\nTry 'ls --help' for more information.\n");
    const s = await run("sleep abc");
    expect(s.status).toBe(1);
    expect(s.out).toContain("sleep: invalid time interval 'abc'");
  });
});

describe("determinism", () => {
  it("gives the same bytes for the same commands", async () => {
    const script = ["uname -a", "sleep 3 &", "ps", "wait", "date", "cat /proc/uptime", "echo $RANDOM"];
    const outputs: string[] = [];
    for (let i = 0; i < 2; i++) {
      const { run } = testLab();
      let all = "";
      for (const line of script) all += (await run(line)).out;
      outputs.push(all);
    }
    expect(outputs[0]).toBe(outputs[1]);
  });
});
