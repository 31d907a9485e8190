import { describe, expect, it } from "vitest";
import { testLab } from "./testing";

describe("Tab completion", () => {
  it("completes command names in command position, after ; | && and assignments", () => {
    const { lab } = testLab();
    const shell = lab.shell;
    expect(shell.complete("unam", 4)).toEqual({ start: 0, candidates: ["uname"] });
    expect(shell.complete("ls | he", 7).candidates).toEqual(["head", "help"]);
    expect(shell.complete("true && ec", 10).candidates).toEqual(["echo"]);
    expect(shell.complete("A=1 whi", 7).candidates).toEqual(["which"]);
  });

  it("completes paths, marking directories with /", () => {
    const { lab } = testLab();
    const shell = lab.shell;
    expect(shell.complete("cat /proc/cpu", 13)).toEqual({ start: 4, candidates: ["/proc/cpuinfo"] });
    expect(shell.complete("cd /pr", 6).candidates).toEqual(["/proc/"]);
    expect(shell.complete("ls ~/RE", 7).candidates).toEqual(["~/README"]);
  });

  it("completes a command's options from its own definition", () => {
    const { lab } = testLab();
    expect(lab.shell.complete("ls --hu", 7).candidates).toEqual(["--human-readable"]);
    expect(lab.shell.complete("grep -", 6).candidates).toContain("--ignore-case");
  });

  it("offers nothing for a word that matches nothing", () => {
    const { lab } = testLab();
    expect(lab.shell.complete("zzz", 3).candidates).toEqual([]);
    expect(lab.shell.complete("cat /nope/x", 11).candidates).toEqual([]);
  });
});
