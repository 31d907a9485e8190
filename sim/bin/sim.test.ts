import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { runTranscript } from "../src/lab";

const cli = fileURLToPath(new URL("./sim.ts", import.meta.url));
const tsx = fileURLToPath(new URL("../../node_modules/.bin/tsx", import.meta.url));

function runCli(
  input: string,
  args: string[] = [],
): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync(tsx, [cli, ...args], { input, encoding: "utf8", timeout: 30_000 });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

describe("npm run sim (piped)", () => {
  it("prints only the commands' output", () => {
    expect(runCli("echo hello\n").stdout).toBe("hello\n");
  });

  it("prints exactly what the page's console prints for the same commands", async () => {
    const commands = ["uname -a", "nproc", "ls -l /dev", "sleep 2; date", "cat /nope", "echo $?"];
    const transcript = await runTranscript(commands);
    const cli = runCli(commands.join("\n") + "\n");
    expect(cli.stdout).toBe(transcript.map((e) => e.output).join(""));
  });

  it("speaks Korean with --lang ko and exits with the last status", () => {
    const r = runCli("nosuch\n", ["--lang", "ko"]);
    expect(r.stdout).toBe("bash: nosuch: 명령어를 찾을 수 없습니다\n");
    expect(r.status).toBe(127);
  });

  it("rejects a bad argument with a message and status 2", () => {
    const r = runCli("", ["--lang", "fr"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--lang takes ko or en");
  });
});
