import { describe, expect, it } from "vitest";
import { socialMeta, type SocialMetaInput } from "./meta";

const input: SocialMetaInput = {
  lang: "ko",
  alternateLangs: ["ko", "en"],
  type: "article",
  title: "컨테이너 메모리 제한",
  description: "설명",
  siteName: "VM·컨테이너 실습실",
  url: "https://vmlab.example/ko/a/",
  image: { url: "https://vmlab.example/og/ko/a.png", alt: "표지", width: 1200, height: 630 },
  published: new Date("2026-11-27T00:00:00Z"),
};

const content = (tags: ReturnType<typeof socialMeta>, key: string): string[] =>
  tags.filter((t) => t.key === key).map((t) => t.content);

describe("socialMeta", () => {
  it("gives an article its locale, the other language as alternate, and its date", () => {
    const tags = socialMeta(input);
    expect(content(tags, "og:locale")).toEqual(["ko_KR"]);
    expect(content(tags, "og:locale:alternate")).toEqual(["en_US"]);
    expect(content(tags, "article:published_time")).toEqual(["2026-11-27T00:00:00.000Z"]);
    expect(content(tags, "twitter:card")).toEqual(["summary_large_image"]);
    // Open Graph uses property=, Twitter cards name=.
    expect(
      tags.every((t) => (t.key.startsWith("twitter:") ? t.attr === "name" : t.attr === "property")),
    ).toBe(true);
  });

  it("gives a website no article dates", () => {
    const tags = socialMeta({ ...input, type: "website" });
    expect(content(tags, "og:type")).toEqual(["website"]);
    expect(content(tags, "article:published_time")).toEqual([]);
  });
});
