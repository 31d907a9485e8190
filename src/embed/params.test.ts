import { describe, expect, it } from "vitest";
import { parseEmbedParams, embedQuery, maxQueryChars } from "./params";
import { encodeScript } from "./script";

function run(commands: string[]): string {
  const encoded = encodeScript(commands);
  if (!encoded.ok) throw new Error(encoded.problem);
  return encoded.value;
}

describe("embed page parameters", () => {
  it("defaults: the simulator's first scenario, no commands, click to run, system theme", () => {
    expect(parseEmbedParams("", "cgroup")).toEqual({
      params: { scenario: "cgroup", commands: [], autorun: false, theme: undefined },
      problems: [],
    });
    expect(parseEmbedParams("", "console").params.scenario).toBe("default");
  });

  it("reads a scenario link", () => {
    const search = `?scenario=cgroup-1cpu&run=${run(["nproc", "cat /sys/fs/cgroup/cpu.max"])}&autorun=1&theme=dark`;
    expect(parseEmbedParams(search, "cgroup")).toEqual({
      params: {
        scenario: "cgroup-1cpu",
        commands: ["nproc", "cat /sys/fs/cgroup/cpu.max"],
        autorun: true,
        theme: "dark",
      },
      problems: [],
    });
  });

  it("refuses a scenario the simulator does not have, and then runs none of the script", () => {
    for (const scenario of [
      "nope",
      "mmu",
      "<img src=x onerror=alert(1)>",
      "javascript:alert(1)",
      "",
      "CGROUP",
    ]) {
      const search = new URLSearchParams({ scenario, run: run(["ls"]) }).toString();
      const { params, problems } = parseEmbedParams(search, "cgroup");
      expect(problems, scenario).toEqual(["scenario-unknown"]);
      expect(params.scenario).toBe("cgroup");
      expect(params.commands).toEqual([]);
    }
    // The plain console takes every scenario.
    expect(parseEmbedParams("scenario=mmu", "console").params.scenario).toBe("mmu");
  });

  it("reports a broken run value and runs nothing", () => {
    for (const value of ["%E0%A4%A", "not base64!", "<script>alert(1)</script>", "javascript:alert(1)"]) {
      const { params, problems } = parseEmbedParams(`run=${value}&autorun=1`, "console");
      expect(problems, value).toEqual(["run-encoding"]);
      expect(params.commands).toEqual([]);
    }
  });

  it("refuses a 1 MB query without reading it", () => {
    const { params, problems } = parseEmbedParams(`?run=${"A".repeat(1024 * 1024)}&autorun=1`, "console");
    expect(problems).toEqual(["query-too-long"]);
    expect(params.commands).toEqual([]);
    expect(params.autorun).toBe(false);
    expect(parseEmbedParams(`?run=${"A".repeat(maxQueryChars - 10)}`, "console").problems).toEqual([
      "run-too-long",
    ]);
  });

  it("reports invalid autorun and theme values and keeps the defaults", () => {
    const { params, problems } = parseEmbedParams("autorun=yes please&theme=javascript:alert(1)", "io");
    expect(problems).toEqual(["autorun-invalid", "theme-invalid"]);
    expect(params).toEqual({ scenario: "io", commands: [], autorun: false, theme: undefined });
    expect(parseEmbedParams("autorun", "io").params.autorun).toBe(true);
    expect(parseEmbedParams("autorun=0", "io").params.autorun).toBe(false);
  });

  it("ignores parameters it does not know (a course platform's tracking tags)", () => {
    expect(parseEmbedParams("utm_source=lms&lang=fr", "mmu").problems).toEqual([]);
  });

  it("builds the query of a link that parses back to the same thing", () => {
    const script = run(["echo 'a & b # c'", "ls"]);
    const query = embedQuery({
      sim: "cgroup",
      scenario: "cgroup-1cpu",
      run: script,
      autorun: true,
      theme: "light",
    });
    expect(parseEmbedParams(`?${query}`, "cgroup").params).toEqual({
      scenario: "cgroup-1cpu",
      commands: ["echo 'a & b # c'", "ls"],
      autorun: true,
      theme: "light",
    });
    expect(embedQuery({ sim: "mmu", scenario: "mmu" })).toBe("");
  });
});
