/**
 * The home page's Open Graph PNG in each language, drawn at build time (see src/seo/og-card.ts).
 */
import type { APIRoute, GetStaticPaths } from "astro";
import { languages } from "../../../i18n/ui";
import { loadArticles } from "../../../lib/articles";
import { homeCard, type OgCard } from "../../../seo/og-image";
import { renderOgCard } from "../../../seo/og-render";

export const getStaticPaths = (async () => {
  const all = await loadArticles();
  return languages.map((lang) => ({ params: { lang }, props: { card: homeCard(lang, all[lang].length) } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ card: OgCard }> = ({ props }) =>
  new Response(renderOgCard(props.card), { headers: { "Content-Type": "image/png" } });
