import { describe, expect, it } from "vitest";
import { excerptParts, format, toHit } from "./search-results";

describe("excerptParts", () => {
  it("splits on <mark> only and keeps everything else as text", () => {
    expect(excerptParts("the <mark>cgroup</mark> file docker-<id>.scope <mark>cpu.max</mark>")).toEqual([
      { text: "the ", mark: false },
      { text: "cgroup", mark: true },
      { text: " file docker-<id>.scope ", mark: false },
      { text: "cpu.max", mark: true },
    ]);
  });

  it("never turns page text into markup: a script tag stays text", () => {
    const parts = excerptParts('<img src=x onerror="alert(1)"> <mark><script></mark>');
    expect(parts).toEqual([
      { text: '<img src=x onerror="alert(1)"> ', mark: false },
      { text: "<script>", mark: true },
    ]);
  });

  it("joins adjacent marks and drops empty pieces", () => {
    expect(excerptParts("<mark>페이지</mark><mark>테이블</mark>")).toEqual([
      { text: "페이지테이블", mark: true },
    ]);
    expect(excerptParts("")).toEqual([]);
  });
});

describe("toHit", () => {
  const page = {
    url: "/ko/memory-virtualization-page-tables/",
    excerpt: "메모리 <mark>가상화</mark>",
    meta: { title: "메모리 가상화" },
  };

  it("links to the section with the most matches, with its heading", () => {
    const hit = toHit({
      ...page,
      sub_results: [
        { title: "메모리 가상화", url: page.url, excerpt: "a", locations: [1] },
        {
          title: "섀도 페이지 테이블",
          url: `${page.url}#shadow`,
          excerpt: "<mark>섀도</mark> 페이지",
          locations: [5, 9],
        },
      ],
    });
    expect(hit).toEqual({
      title: "메모리 가상화",
      section: "섀도 페이지 테이블",
      url: `${page.url}#shadow`,
      excerpt: [
        { text: "섀도", mark: true },
        { text: " 페이지", mark: false },
      ],
    });
  });

  it("links to the page when the best match is its top, or there are no sections", () => {
    expect(toHit(page)).toMatchObject({ url: page.url, section: undefined, title: "메모리 가상화" });
    const top = toHit({
      ...page,
      sub_results: [{ title: "메모리 가상화", url: page.url, excerpt: "x", locations: [1, 2] }],
    });
    expect(top).toMatchObject({ url: page.url, section: undefined });
  });

  it("falls back to the URL when a page has no title", () => {
    expect(toHit({ ...page, meta: {} }).title).toBe(page.url);
  });
});

describe("format", () => {
  it("fills named placeholders and leaves unknown ones", () => {
    expect(format("“{query}”에 맞는 글이 {count}편 있습니다.", { query: "컨테이너는", count: 8 })).toBe(
      "“컨테이너는”에 맞는 글이 8편 있습니다.",
    );
    expect(format("{a} {b}", { a: 1 })).toBe("1 {b}");
  });
});
