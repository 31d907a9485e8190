import { describe, expect, it } from "vitest";
import { withLandingAsXDefault } from "./sitemap";

const root = "https://vmlab.example/courses/os/vm/";
const urls = { landing: root, homes: { "ko-KR": `${root}ko/`, "en-US": `${root}en/` } };

describe("withLandingAsXDefault", () => {
  it("gives the landing page the two homes and itself as x-default", () => {
    const item = withLandingAsXDefault({ url: root, links: [{ lang: "ko-KR", url: root }] }, urls);
    expect(item.links).toEqual([
      { lang: "ko-KR", url: `${root}ko/` },
      { lang: "en-US", url: `${root}en/` },
      { lang: "x-default", url: root },
    ]);
  });

  it("drops the landing page as a second Korean version of the homes and adds it as x-default", () => {
    const item = withLandingAsXDefault(
      {
        url: `${root}en/`,
        links: [
          { lang: "ko-KR", url: root },
          { lang: "en-US", url: `${root}en/` },
          { lang: "ko-KR", url: `${root}ko/` },
        ],
      },
      urls,
    );
    expect(item.links?.map((l) => l.lang)).toEqual(["en-US", "ko-KR", "x-default"]);
    expect(item.links?.filter((l) => l.lang === "ko-KR")).toEqual([{ lang: "ko-KR", url: `${root}ko/` }]);
  });

  it("leaves a page without alternates alone", () => {
    expect(withLandingAsXDefault({ url: `${root}embed/x/` }, urls)).toEqual({ url: `${root}embed/x/` });
  });
});
