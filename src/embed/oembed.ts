/**
 * oEmbed (https://oembed.com/, spec of 2008-03-21 as maintained there): a
 * static JSON response per embed page, and the discovery tags that point to
 * it from every page with a simulator, so a platform that speaks oEmbed turns
 * a plain link into the embedded console.
 */
import { embedSize, type Sim } from "./sims";
import { iframeSnippet } from "./share";

/** §2.3.4 and §2.3.4.4: the fields of a "rich" response (html, width and height are required). */
export interface OEmbedRich {
  version: "1.0";
  type: "rich";
  title: string;
  provider_name: string;
  provider_url: string;
  cache_age: number;
  html: string;
  width: number;
  height: number;
}

/** A day: the snippet changes only with a new build of the site. */
const cacheAgeSeconds = 86_400;

export function oembedResponse(options: {
  sim: Sim;
  /** Absolute URL of the embed page. */
  embedUrl: string;
  /** Absolute URL of the site's home in this language. */
  providerUrl: string;
  title: string;
  providerName: string;
}): OEmbedRich {
  const { width, height } = embedSize[options.sim];
  return {
    version: "1.0",
    type: "rich",
    title: options.title,
    provider_name: options.providerName,
    provider_url: options.providerUrl,
    cache_age: cacheAgeSeconds,
    html: iframeSnippet(
      { sim: options.sim, url: options.embedUrl },
      `${options.title} | ${options.providerName}`,
    ),
    width,
    height,
  };
}

/**
 * The simulators an article's consoles run, in order of appearance, from its
 * MDX source: each `<Console … scenario="…">` (no scenario: the plain
 * console). The article's discovery tags point to these embeds.
 */
export function simsOfArticle(mdx: string, simOfScenario: (scenario: string) => Sim): Sim[] {
  const found: Sim[] = [];
  for (const match of mdx.matchAll(/<Console\b([^>]*?)\/?>/gs)) {
    const scenario = /\bscenario\s*=\s*["']([^"']+)["']/.exec(match[1] ?? "")?.[1] ?? "default";
    const sim = simOfScenario(scenario);
    if (!found.includes(sim)) found.push(sim);
  }
  return found;
}
