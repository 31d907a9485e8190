/**
 * Serves a built site for the bench the way a static host would: the e2e static server
 * (`tests/static-server.mjs`: `_headers`, 404 pages, the base path) behind a small proxy that
 * gzips text responses when the browser accepts it. Every static host we would deploy to
 * (Netlify, Cloudflare Pages, GitHub Pages) compresses text; without it Lighthouse measures
 * transfer sizes no reader ever sees (its "uses-text-compression" audit, RFC 9110 §8.4.1).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer, request, type Server } from "node:http";
import { type AddressInfo } from "node:net";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

export interface SiteServer {
  /** Origin plus base path, ending in `/`. */
  url: string;
  close(): Promise<void>;
}

/** A port the OS says is free right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url, { redirect: "manual" });
      await response.arrayBuffer();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

const compressible = /^(text\/|application\/(javascript|json|xml|manifest\+json)|image\/svg\+xml)/;

function gzipProxy(upstreamPort: number): Server {
  return createServer((req, res) => {
    const upstream = request(
      {
        host: "127.0.0.1",
        port: upstreamPort,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, "accept-encoding": "identity" },
      },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on("data", (c: Buffer) => chunks.push(c));
        answer.on("end", () => {
          const headers = { ...answer.headers };
          let body = Buffer.concat(chunks);
          const type = String(headers["content-type"] ?? "");
          const accepts = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
          if (accepts && compressible.test(type) && body.length > 0 && req.method !== "HEAD") {
            body = gzipSync(body, { level: 9 });
            headers["content-encoding"] = "gzip";
            headers.vary = "Accept-Encoding";
          }
          headers["content-length"] = String(body.length);
          res.writeHead(answer.statusCode ?? 502, headers);
          res.end(req.method === "HEAD" ? undefined : body);
        });
      },
    );
    upstream.on("error", (error) => res.writeHead(502).end(String(error)));
    req.pipe(upstream);
  });
}

/** Starts the static server of the checkout at `root` for `distDir`, and the gzip proxy in front of it. */
export async function serveSite(root: string, distDir: string, basePath: string): Promise<SiteServer> {
  const staticPort = await freePort();
  const child: ChildProcess = spawn(process.execPath, [join(root, "tests/static-server.mjs")], {
    env: { ...process.env, DIST_DIR: distDir, BASE_PATH: basePath, E2E_PORT: String(staticPort) },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const base = `/${basePath.replace(/^\/+|\/+$/g, "")}/`.replace(/^\/\/$/, "/");
  try {
    await waitForHttp(`http://127.0.0.1:${staticPort}${base}`, 15_000);
  } catch (error) {
    child.kill();
    throw error;
  }
  const proxy = gzipProxy(staticPort);
  const port = await new Promise<number>((resolve) =>
    proxy.listen(0, "127.0.0.1", () => resolve((proxy.address() as AddressInfo).port)),
  );
  return {
    url: `http://127.0.0.1:${port}${base}`,
    close: () =>
      new Promise((resolve) => {
        child.kill();
        proxy.close(() => resolve());
      }),
  };
}
