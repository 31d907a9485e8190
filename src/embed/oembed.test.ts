import { describe, expect, it } from "vitest";
import { oembedResponse, simsOfArticle } from "./oembed";
import { simForScenario } from "./sims";

describe("oEmbed", () => {
  it("answers a rich response with the required fields and a sandboxed iframe", () => {
    const r = oembedResponse({
      sim: "cgroup",
      embedUrl: "https://vmlab.example/en/embed/cgroup/",
      providerUrl: "https://vmlab.example/en/",
      title: "cgroup v2 throttling lab",
      providerName: "VM & Container Lab",
    });
    expect(r).toMatchObject({ version: "1.0", type: "rich", provider_name: "VM & Container Lab" });
    expect(r.width).toBeGreaterThan(0);
    expect(r.height).toBeGreaterThan(0);
    expect(r.html).toMatch(
      /^<iframe src="https:\/\/vmlab\.example\/en\/embed\/cgroup\/" title="cgroup v2 throttling lab \| VM &amp; Container Lab"/,
    );
    expect(r.html).toContain('sandbox="allow-scripts"');
  });

  it("finds the simulators of an article's consoles, in order, once each", () => {
    const mdx = `
import Console from "../../src/components/Console.astro";
<Console lang="en" commands={["uname -a"]} />
text <Console
  lang="en"
  scenario="mmu"
  commands={["mmu stats"]}
/>
<Console lang="en" scenario='cgroup-1cpu' commands={[]} />
<Console lang="en" scenario="cgroup" lab="x" commands={[]} />
<CgroupTimeline lang="en" />`;
    expect(simsOfArticle(mdx, simForScenario)).toEqual(["console", "mmu", "cgroup"]);
    expect(simsOfArticle("no consoles here", simForScenario)).toEqual([]);
  });
});
