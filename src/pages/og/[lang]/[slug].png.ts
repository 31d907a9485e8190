/**
 * One Open Graph PNG per article and language, drawn at build time (see src/seo/og-card.ts).
 */
import type { APIRoute, GetStaticPaths } from "astro";
import { languages } from "../../../i18n/ui";
import { loadArticles } from "../../../lib/articles";
import { articleCard, type OgCard } from "../../../seo/og-image";
import { renderOgCard } from "../../../seo/og-render";

export const getStaticPaths = (async () => {
  const all = await loadArticles();
  return languages.flatMap((lang) =>
    all[lang].map((article, i) => ({
      params: { lang, slug: article.id },
      props: { card: articleCard(lang, article.id, article.data.title, i + 1, all[lang].length) },
    })),
  );
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ card: OgCard }> = ({ props }) =>
  new Response(renderOgCard(props.card), { headers: { "Content-Type": "image/png" } });
