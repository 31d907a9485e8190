import { defineCollection } from "astro:content";
import { glob } from "astro/loaders";
import { z } from "astro/zod";

// One MDX file per topic and language: content/ko/<slug>.mdx and content/en/<slug>.mdx.
const articleSchema = z.object({
  title: z.string().min(1),
  description: z.string().min(1),
  pubDate: z.coerce.date(),
  updatedDate: z.coerce.date().optional(),
  order: z.number().int().nonnegative(),
  summary: z.string().min(1),
});

export const collections = {
  ko: defineCollection({ loader: glob({ pattern: "*.mdx", base: "./content/ko" }), schema: articleSchema }),
  en: defineCollection({ loader: glob({ pattern: "*.mdx", base: "./content/en" }), schema: articleSchema }),
};
