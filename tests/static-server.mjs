// A plain static file server for the built site, standing in for a static host or CDN in the e2e tests
// and the bench: it serves DIST_DIR under BASE_PATH, applies the `_headers` file the build writes (the
// Netlify / Cloudflare Pages format), and answers a missing page with the nearest 404.html up the tree,
// as Cloudflare Pages does. No framework, so the tests see exactly what a host would send.
//
//   DIST_DIR=dist BASE_PATH=/ E2E_PORT=4329 node tests/static-server.mjs
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { existsSync, readFileSync } from "node:fs";
import { extname, join, normalize, resolve, sep } from "node:path";

const root = resolve(process.env.DIST_DIR ?? "dist");
const base = `/${(process.env.BASE_PATH ?? "/").replace(/^\/+|\/+$/g, "")}/`.replace(/^\/\/$/, "/");
const port = Number(process.env.E2E_PORT ?? 4329);
const host = process.env.HOST ?? "127.0.0.1";

const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".wasm": "application/wasm",
  ".woff2": "font/woff2",
  ".webmanifest": "application/manifest+json",
};

/**
 * `_headers`: a URL pattern on a line of its own, then indented `Name: value` lines.
 * `*` matches anything (also `/`), `:name` one path segment.
 */
function parseHeaders(text) {
  const rules = [];
  let current;
  for (const raw of text.split("\n")) {
    const line = raw.replace(/\s+$/, "");
    if (line === "" || line.trimStart().startsWith("#")) continue;
    if (!/^\s/.test(line)) {
      const pattern = line.trim();
      const source = pattern
        .split(/(\*|:[A-Za-z_]\w*)/)
        .map((part) =>
          part === "*" ? ".*" : part.startsWith(":") ? "[^/]+" : part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"),
        )
        .join("");
      current = { pattern, regex: new RegExp(`^${source}$`), headers: [] };
      rules.push(current);
    } else if (current !== undefined) {
      const colon = line.indexOf(":");
      if (colon > 0) current.headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
    }
  }
  return rules;
}

const headersFile = join(root, "_headers");
const rules = existsSync(headersFile) ? parseHeaders(readFileSync(headersFile, "utf8")) : [];

function headersFor(pathname) {
  const out = {};
  for (const rule of rules) {
    if (!rule.regex.test(pathname)) continue;
    for (const [name, value] of rule.headers) out[name.toLowerCase()] = value;
  }
  return out;
}

async function fileAt(path) {
  try {
    const info = await stat(path);
    if (info.isFile()) return path;
    if (info.isDirectory() && existsSync(join(path, "index.html"))) return join(path, "index.html");
  } catch {
    // not there
  }
  return undefined;
}

/** The nearest 404.html from the requested folder up to the site root. */
function notFoundPage(relative) {
  const parts = relative.split("/").filter(Boolean);
  for (let n = parts.length; n >= 0; n--) {
    const candidate = join(root, ...parts.slice(0, n), "404.html");
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

const built = existsSync(join(root, "index.html"));

const server = createServer(async (req, res) => {
  try {
    if (!built) {
      // Nothing built here yet: answer the base URL so the test runner starts, and say what is missing.
      const url = new URL(req.url ?? "/", "http://localhost");
      res
        .writeHead(url.pathname === base ? 200 : 404, { "content-type": "text/plain; charset=utf-8" })
        .end(`${root} has no built site: run npm run build (or npm run build:subpath)\n`);
      return;
    }
    const url = new URL(req.url ?? "/", "http://localhost");
    let pathname;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400).end("bad request");
      return;
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    if (!pathname.startsWith(base) && `${pathname}/` !== base) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not under the base path");
      return;
    }
    if (`${pathname}/` === base) {
      res.writeHead(301, { location: base }).end();
      return;
    }
    const relative = pathname.slice(base.length);
    const target = normalize(join(root, relative));
    if (target !== root && !target.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    let file = await fileAt(target);
    if (
      file !== undefined &&
      file.endsWith(`${sep}index.html`) &&
      !pathname.endsWith("/") &&
      !relative.endsWith("index.html")
    ) {
      res.writeHead(301, { location: `${pathname}/${url.search}` }).end();
      return;
    }
    let status = 200;
    if (file === undefined) {
      file = notFoundPage(relative);
      status = 404;
      if (file === undefined) {
        res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found");
        return;
      }
    }
    const body = await readFile(file);
    res.writeHead(status, {
      "content-type": types[extname(file)] ?? "application/octet-stream",
      "content-length": body.length,
      "cache-control": "no-cache",
      ...headersFor(status === 200 ? pathname : `${pathname}`),
    });
    res.end(req.method === "HEAD" ? undefined : body);
  } catch (error) {
    res.writeHead(500, { "content-type": "text/plain; charset=utf-8" }).end(String(error));
  }
});

server.listen(port, host, () => {
  process.stdout.write(`serving ${root} at http://${host}:${port}${base}\n`);
});
