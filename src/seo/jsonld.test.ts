import { describe, expect, it } from "vitest";
import { breadcrumbList, serializeJsonLd, techArticle, webSite } from "./jsonld";

const site = { name: "VM & Container Lab", url: "https://vmlab.example/en/" };

describe("serializeJsonLd", () => {
  it("cannot close the script element or open a comment, and parses back to the same data", () => {
    const data = { headline: "</script><script>alert(1)</script><!-- & -->", note: "line\u2028separator" };
    const text = serializeJsonLd(data);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual(data);
  });
});

describe("structured data", () => {
  it("describes an article with its series, language and dates", () => {
    const ld = techArticle({
      headline: "Does Docker run on a physical machine or a VM?",
      description: "Both.",
      inLanguage: "en",
      url: "https://vmlab.example/en/docker/",
      image: "https://vmlab.example/og/en/docker.png",
      datePublished: new Date("2026-11-27T00:00:00Z"),
      site,
      series: { ...site, position: 1 },
    });
    expect(ld).toMatchObject({
      "@context": "https://schema.org",
      "@type": "TechArticle",
      inLanguage: "en",
      datePublished: "2026-11-27T00:00:00.000Z",
      dateModified: "2026-11-27T00:00:00.000Z",
      image: ["https://vmlab.example/og/en/docker.png"],
      author: { "@type": "Organization", name: site.name },
      isPartOf: { "@type": "CreativeWorkSeries", url: site.url },
      position: 1,
    });
  });

  it("numbers breadcrumb items from 1", () => {
    const ld = breadcrumbList([site, { name: "Article", url: "https://vmlab.example/en/a/" }]);
    expect(ld["itemListElement"]).toEqual([
      { "@type": "ListItem", position: 1, name: site.name, item: site.url },
      { "@type": "ListItem", position: 2, name: "Article", item: "https://vmlab.example/en/a/" },
    ]);
  });

  it("describes the site", () => {
    expect(webSite({ ...site, description: "d", inLanguage: "ko" })).toMatchObject({
      "@type": "WebSite",
      inLanguage: "ko",
    });
  });
});
