import { describe, expect, it } from "vitest";
import { iframeSnippet, sessionLink } from "./share";
import { parseEmbedParams } from "./params";

describe("Share and Embed", () => {
  it("links a session to the embed page of its simulator, under the site's base", () => {
    const result = sessionLink({
      lang: "ko",
      scenario: "cgroup-1cpu",
      commands: ["mkdir /sys/fs/cgroup/a", 'echo "x & y" # 설명'],
      base: "/courses/os/vm/",
      pageUrl: "https://school.example/courses/os/vm/ko/container-cpu-memory-limits/",
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const url = new URL(result.link.url);
    expect(url.origin + url.pathname).toBe("https://school.example/courses/os/vm/ko/embed/cgroup/");
    expect(parseEmbedParams(url.search, result.link.sim).params).toEqual({
      scenario: "cgroup-1cpu",
      commands: ["mkdir /sys/fs/cgroup/a", 'echo "x & y" # 설명'],
      autorun: true,
      theme: undefined,
    });
  });

  it("a console without commands links to the bare embed page", () => {
    const result = sessionLink({
      lang: "en",
      scenario: "default",
      commands: [],
      base: "/",
      pageUrl: "http://x.test/en/a/",
    });
    expect(result.ok && result.link.url).toBe("http://x.test/en/embed/console/");
  });

  it("refuses a session too long for a link", () => {
    const result = sessionLink({
      lang: "en",
      scenario: "mmu",
      commands: Array(101).fill("mmu stats"),
      base: "/",
      pageUrl: "http://x.test/",
    });
    expect(result).toEqual({ ok: false, problem: "run-too-many" });
  });

  it("the iframe snippet escapes its attributes and is sandboxed to scripts", () => {
    const snippet = iframeSnippet(
      { sim: "io", url: "https://x.test/en/embed/io/?run=bHM&autorun=1" },
      'Disk "I/O" <lab>',
    );
    expect(snippet).toContain('src="https://x.test/en/embed/io/?run=bHM&amp;autorun=1"');
    expect(snippet).toContain('title="Disk &quot;I/O&quot; &lt;lab&gt;"');
    expect(snippet).toContain('sandbox="allow-scripts"');
    expect(snippet).toMatch(/width="\d+" height="\d+"/);
  });
});
