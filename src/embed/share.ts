/**
 * What the Share and Embed buttons copy: a link to the simulator's embed page
 * that replays the reader's session, and an <iframe> snippet around it.
 */
import type { Lang } from "../i18n/ui";
import { embedQuery } from "./params";
import { encodeScript, type ScriptProblem } from "./script";
import { embedPagePath, embedSize, simForScenario, type Sim } from "./sims";

export interface SessionLink {
  sim: Sim;
  url: string;
}

/**
 * The absolute URL of the embed page that reproduces `commands` in
 * `scenario`. `base` is the site's base path (Astro's BASE_URL), `pageUrl`
 * the page the reader is on (the link keeps its origin).
 */
export function sessionLink(options: {
  lang: Lang;
  scenario: string;
  commands: readonly string[];
  base: string;
  pageUrl: string;
  sim?: Sim;
}): { ok: true; link: SessionLink } | { ok: false; problem: ScriptProblem } {
  const sim = options.sim ?? simForScenario(options.scenario);
  const script = encodeScript(options.commands);
  if (!script.ok) return script;
  const query = embedQuery({
    sim,
    scenario: options.scenario,
    run: script.value,
    autorun: script.value !== "",
  });
  const path = `${options.base.replace(/\/$/, "")}${embedPagePath(options.lang, sim)}`;
  const url = new URL(`${path}${query === "" ? "" : `?${query}`}`, options.pageUrl).href;
  return { ok: true, link: { sim, url } };
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * A ready-to-paste iframe: sandboxed to scripts only (the embed needs no
 * cookies, storage, popups or top navigation), lazy, with a title for screen
 * readers (WCAG 4.1.2) and the size the simulator needs.
 */
export function iframeSnippet(link: SessionLink, title: string): string {
  const { width, height } = embedSize[link.sim];
  return (
    `<iframe src="${escapeAttribute(link.url)}" title="${escapeAttribute(title)}" ` +
    `width="${width}" height="${height}" style="width:100%;max-width:${width}px;border:0" ` +
    `sandbox="allow-scripts" loading="lazy"></iframe>`
  );
}
