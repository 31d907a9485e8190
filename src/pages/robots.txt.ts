/**
 * robots.txt (RFC 9309) pointing crawlers at the sitemap by its absolute URL, base path included.
 *
 * Crawlers read robots.txt only at the origin root (RFC 9309 §2.3: "/robots.txt"). Under a base
 * path (BASE_PATH=/courses/os/vm/) this file lands at /courses/os/vm/robots.txt, where no crawler
 * looks: the host of the origin must serve its own /robots.txt and add this file's Sitemap line to it.
 */
import type { APIRoute } from "astro";
import { absoluteUrl, withBase } from "../lib/urls";

export const GET: APIRoute = ({ site }) => {
  // @astrojs/sitemap writes sitemap-index.xml (which lists sitemap-0.xml, …) at the base.
  const sitemap = absoluteUrl(withBase("/sitemap-index.xml"), site);
  const body = ["User-agent: *", "Allow: /", "", `Sitemap: ${sitemap}`, ""].join("\n");
  return new Response(body, { headers: { "Content-Type": "text/plain; charset=utf-8" } });
};
