/**
 * The oEmbed response of one embed page, as a static file: a consumer that
 * found the discovery tag fetches it (with CORS, see src/hosting/headers.ts)
 * and gets a ready <iframe>.
 */
import type { APIRoute, GetStaticPaths } from "astro";
import { languages, t, type Lang } from "../../../../i18n/ui";
import { absoluteUrl, withBase } from "../../../../lib/urls";
import { embedPagePath, sims, type Sim } from "../../../../embed/sims";
import { embedTitle } from "../../../../embed/labels";
import { oembedResponse } from "../../../../embed/oembed";

export const getStaticPaths = (() =>
  languages.flatMap((lang) => sims.map((sim) => ({ params: { lang, sim } })))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params, site }) => {
  const lang = params["lang"] as Lang;
  const sim = params["sim"] as Sim;
  const body = oembedResponse({
    sim,
    embedUrl: absoluteUrl(withBase(embedPagePath(lang, sim)), site),
    providerUrl: absoluteUrl(withBase(`/${lang}/`), site),
    title: embedTitle(lang, sim),
    providerName: t(lang, "site.name"),
  });
  return new Response(JSON.stringify(body, null, 2), {
    headers: { "Content-Type": "application/json; charset=utf-8" },
  });
};
