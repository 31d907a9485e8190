/**
 * `npm run bench site`: the site's performance budget (issue #8). A cold build of the whole
 * site, then for four built pages what a reader downloads (HTML, CSS, JavaScript before and after
 * the console is reached and after the first command typed) and Lighthouse's four mobile scores.
 * It prints the numbers against their targets and never fails.
 *
 * Environment: BENCH_DIR (scratch folder, default $TMPDIR/vmlab-bench), BENCH_FROM=<git rev> (build
 * a clean copy of that commit instead of the working tree), BENCH_SKIP_BUILD=1 (reuse the build
 * already in BENCH_DIR/dist), BENCH_SKIP_LIGHTHOUSE=1, BASE_PATH (as for the build).
 */
import { execFileSync, spawn } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { attributeChunks, byGroup } from "./site-modules";
import { categories, lighthouse, type LighthouseResult } from "./site-lighthouse";
import { measurePages, sum, type Moment, type PageMeasure } from "./site-network";
import { serveSite } from "./site-serve";

export interface SiteRow {
  name: string;
  value: number;
  unit: string;
  target?: string;
  met?: boolean;
}

interface PageSpec {
  key: "article" | "console" | "picture" | "above-fold";
  label: string;
  path: string;
}

const say = (line = ""): boolean => process.stdout.write(`${line}\n`);
const kB = (bytes: number): number => Math.round(bytes / 100) / 10;
/** 110 KB in the issue: kilobytes of 1000 bytes, the stricter reading. */
const jsAfterReachBudgetBytes = 110_000;
const coldBuildBudgetS = 20;

function runBuild(
  cwd: string,
  outDir: string,
  extraEnv: NodeJS.ProcessEnv,
): Promise<{ ok: boolean; seconds: number; log: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, OUT_DIR: outDir, ...extraEnv };
  if (extraEnv.BENCH_SOURCEMAP === undefined) delete env.BENCH_SOURCEMAP;
  const start = performance.now();
  return new Promise((done) => {
    const child = spawn("npm", ["run", "build"], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let log = "";
    child.stdout.on("data", (d: Buffer) => (log += d.toString()));
    child.stderr.on("data", (d: Buffer) => (log += d.toString()));
    child.on("error", (error) => done({ ok: false, seconds: 0, log: String(error) }));
    child.on("close", (code) => done({ ok: code === 0, seconds: (performance.now() - start) / 1000, log }));
  });
}

/**
 * A clean copy of a commit to build from (BENCH_FROM=HEAD), so that a bench run does not measure
 * (or trip over) work in progress in the checkout. Its node_modules links to the checkout's
 * packages, except the workspace package @vmlab/sim, which must be the copy's own sim/.
 */
function checkoutCopy(rev: string, scratch: string): string {
  const dir = join(scratch, "checkout");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, "node_modules", "@vmlab"), { recursive: true });
  execFileSync("sh", ["-c", `git archive --format=tar "$1" | tar -x -C "$2"`, "sh", rev, dir]);
  const modules = resolve("node_modules");
  for (const entry of readdirSync(modules)) {
    if (entry === "@vmlab" || entry === ".astro" || entry === ".vite") continue;
    symlinkSync(join(modules, entry), join(dir, "node_modules", entry));
  }
  symlinkSync(join(dir, "sim"), join(dir, "node_modules", "@vmlab", "sim"));
  return dir;
}

/**
 * A page with the console above the fold: the embed page when the site has one, else the pilot
 * article with its console block moved up under the title, written into the scratch build only.
 */
function aboveFoldPage(dist: string, base: string): string | undefined {
  const embed = "en/embed/cgroup/";
  if (existsSync(join(dist, embed, "index.html"))) return `${base}${embed}`;
  const source = join(dist, "en/docker-on-physical-or-virtual-machine/index.html");
  if (!existsSync(source)) return undefined;
  const html = readFileSync(source, "utf8");
  const start = html.indexOf('<div class="console-block"');
  const headerEnd = html.indexOf("</header>", html.indexOf("<article"));
  if (start < 0 || headerEnd < 0 || headerEnd > start) return undefined;
  // The block ends where its <div> nesting closes.
  let depth = 0;
  let end = -1;
  for (const m of html.slice(start).matchAll(/<div\b|<\/div>/g)) {
    depth += m[0] === "</div>" ? -1 : 1;
    if (depth === 0) {
      end = start + m.index + m[0].length;
      break;
    }
  }
  if (end < 0) return undefined;
  const block = html.slice(start, end);
  const at = headerEnd + "</header>".length;
  const moved = html.slice(0, at) + block + html.slice(at, start) + html.slice(end);
  const folder = join(dist, "bench-console-above-fold");
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, "index.html"), moved);
  return `${base}bench-console-above-fold/`;
}

function describeMoment(label: string, m: Moment | undefined, previous?: Moment): void {
  if (m === undefined) return;
  const known = new Set(previous?.js.map((a) => a.path));
  const added = m.js.filter((a) => !known.has(a.path));
  say(
    `    ${label.padEnd(22)} JS ${String(m.js.length).padStart(2)} files ${kB(sum(m.js, "gzipBytes")).toFixed(1).padStart(6)} kB gzip (${kB(sum(m.js, "bytes")).toFixed(1)} kB raw)` +
      `, CSS files ${kB(sum(m.css, "gzipBytes")).toFixed(1)} kB gzip`,
  );
  if (added.length > 0)
    say(
      `      + ${added
        .sort((a, b) => b.gzipBytes - a.gzipBytes)
        .map((a) => `${a.path.split("/").pop() ?? a.path} ${kB(a.gzipBytes).toFixed(1)}`)
        .join(", ")}`,
    );
}

export async function benchSite(): Promise<SiteRow[]> {
  const scratch = resolve(process.env.BENCH_DIR ?? join(tmpdir(), "vmlab-bench"));
  const dist = join(scratch, "dist");
  const mapsDist = join(scratch, "dist-maps");
  const base = `/${(process.env.BASE_PATH ?? "/").replace(/^\/+|\/+$/g, "")}/`.replace(/^\/\/$/, "/");
  mkdirSync(scratch, { recursive: true });
  const rows: SiteRow[] = [];
  say(`site: ${cpus().length} CPUs (${cpus()[0]?.model ?? "?"}), scratch ${scratch}`);

  // 1. Cold build: no build folder and no Astro cache (cacheDir: node_modules/.astro holds the
  // content layer's data store and image cache; .astro/ at the root only holds generated types).
  const from = process.env.BENCH_FROM;
  const root =
    from === undefined || process.env.BENCH_SKIP_BUILD === "1" ? process.cwd() : checkoutCopy(from, scratch);
  if (from !== undefined)
    say(
      `site: building ${from} (${execFileSync("git", ["rev-parse", "--short", from]).toString().trim()}) in ${root}`,
    );
  if (process.env.BENCH_SKIP_BUILD !== "1") {
    rmSync(dist, { recursive: true, force: true });
    rmSync(join(root, "node_modules/.astro"), { recursive: true, force: true });
    const cold = await runBuild(root, dist, {});
    if (!cold.ok) {
      say(`site: the build failed:\n${cold.log.split("\n").slice(-20).join("\n")}`);
      return [
        {
          name: "cold build (npm run build)",
          value: NaN,
          unit: "s",
          target: `< ${coldBuildBudgetS} s`,
          met: false,
        },
      ];
    }
    rows.push({
      name: "cold build (npm run build)",
      value: Math.round(cold.seconds * 10) / 10,
      unit: "s",
      target: `< ${coldBuildBudgetS} s`,
      met: cold.seconds < coldBuildBudgetS,
    });
    say(`site: cold build ${cold.seconds.toFixed(1)} s`);
    // A second build with hidden source maps, for the per-module breakdown (same chunk names).
    rmSync(mapsDist, { recursive: true, force: true });
    const warm = await runBuild(root, mapsDist, { BENCH_SOURCEMAP: "1" });
    if (warm.ok) {
      rows.push({
        name: "warm build (with source maps)",
        value: Math.round(warm.seconds * 10) / 10,
        unit: "s",
      });
      say(`site: warm build with source maps ${warm.seconds.toFixed(1)} s`);
    } else say("site: the source-map build failed; no per-module breakdown");
  } else if (!existsSync(dist)) {
    say(`site: BENCH_SKIP_BUILD=1 but ${dist} does not exist`);
    return rows;
  }

  // 2. The pages.
  const specs: PageSpec[] = [
    { key: "article", label: "article, no simulator", path: `${base}en/container-images-overlayfs/` },
    {
      key: "console",
      label: "console only (pilot)",
      path: `${base}en/docker-on-physical-or-virtual-machine/`,
    },
    { key: "picture", label: "simulator + picture", path: `${base}en/container-cpu-memory-limits/` },
  ];
  const aboveFold = aboveFoldPage(dist, base);
  if (aboveFold !== undefined)
    specs.push({ key: "above-fold", label: "console above the fold", path: aboveFold });
  const server = await serveSite(root, dist, base);
  const origin = new URL(server.url).origin;
  let measures: PageMeasure[];
  const scores = new Map<string, LighthouseResult>();
  try {
    measures = await measurePages(
      origin,
      dist,
      base,
      specs.map((s) => s.path),
    );
    say("");
    say("site: bytes per page (gzip: zlib level 9 over the built files; kB = 1000 bytes)");
    for (const [i, m] of measures.entries()) {
      const spec = specs[i]!;
      say(`  ${spec.label}: ${m.path}`);
      say(
        `    HTML ${kB(m.htmlBytes).toFixed(1)} kB (${kB(m.htmlGzipBytes).toFixed(1)} kB gzip), of which inline CSS ${kB(m.inlineCssBytes).toFixed(1)} kB and inline script ${kB(m.inlineJsBytes).toFixed(1)} kB`,
      );
      describeMoment("on load", m.onLoad);
      describeMoment("console reached", m.afterReach, m.onLoad);
      describeMoment("console live", m.afterStart, m.afterReach);
      describeMoment("after typing", m.afterTyping, m.afterStart);
      if (m.problem !== undefined) say(`    ! ${m.problem}`);
      if (spec.key === "article" && m.hasConsole) say("    ! this page has a console; pick another article");
    }

    // 3. What the JavaScript after reach is made of.
    if (existsSync(mapsDist)) {
      for (const [i, m] of measures.entries()) {
        const spec = specs[i]!;
        const moment = m.afterTyping ?? m.afterReach;
        if (moment === undefined || moment.js.length === 0 || spec.key === "above-fold") continue;
        const shares = attributeChunks(
          mapsDist,
          base,
          moment.js.map((a) => a.path),
        );
        say("");
        say(`site: JavaScript of "${spec.label}" after typing, by origin (gzip shares are estimates)`);
        for (const g of byGroup(shares))
          say(
            `    ${g.group.padEnd(28)} ${kB(g.gzipBytes).toFixed(1).padStart(6)} kB gzip ${kB(g.bytes).toFixed(1).padStart(7)} kB raw`,
          );
        const top = shares
          .filter((s) => !s.module.startsWith("("))
          .sort((a, b) => b.gzipBytes - a.gzipBytes)
          .slice(0, 12);
        say(`    largest modules: ${top.map((s) => `${s.module} ${kB(s.gzipBytes).toFixed(1)}`).join(", ")}`);
      }
    }

    // 4. Lighthouse, one page at a time (parallel runs would share the two cores and skew the throttling).
    if (process.env.BENCH_SKIP_LIGHTHOUSE !== "1") {
      say("");
      say("site: Lighthouse 12 (mobile, simulated throttling)");
      for (const spec of specs) {
        const report = join(scratch, `lighthouse-${spec.key}.json`);
        const result = await lighthouse(new URL(spec.path.replace(/^\//, ""), `${origin}/`).href, report);
        scores.set(spec.key, result);
        const line = categories.map((c) => `${c} ${result.scores[c] ?? "–"}`).join(", ");
        say(
          `  ${spec.label}: ${line}${result.benchmarkIndex === undefined ? "" : ` (CPU benchmark index ${Math.round(result.benchmarkIndex)})`}`,
        );
        if (result.error !== undefined) say(`    ! ${result.error}`);
        say(`    report: ${report}`);
        // The issue's targets: 100 everywhere on an article, 98 for performance with the console
        // above the fold; below 100 elsewhere is shown too, as a lead.
        const target = (c: (typeof categories)[number]): number =>
          spec.key === "above-fold" && c === "performance" ? 98 : 100;
        for (const c of categories) {
          const score = result.scores[c];
          if (score === undefined || score >= target(c)) continue;
          for (const a of result.failing[c] ?? [])
            say(
              `    ${c} < ${target(c)}: ${a.id} (${Math.round(a.score * 100)}) ${a.displayValue ?? a.title}`,
            );
        }
      }
    }
  } finally {
    await server.close();
  }

  // 5. Rows for the summary table.
  for (const [i, m] of measures.entries()) {
    const spec = specs[i]!;
    const name = (what: string): string => `${spec.label}: ${what}`;
    rows.push({ name: name("HTML"), value: kB(m.htmlBytes), unit: "kB" });
    rows.push({ name: name("HTML gzip"), value: kB(m.htmlGzipBytes), unit: "kB" });
    rows.push({ name: name("CSS inline in the HTML"), value: kB(m.inlineCssBytes), unit: "kB" });
    rows.push({
      name: name("CSS files on load gzip"),
      value: kB(sum(m.onLoad.css, "gzipBytes")),
      unit: "kB",
    });
    if (m.afterStart !== undefined)
      rows.push({
        name: name("CSS files once the console is live gzip"),
        value: kB(sum(m.afterStart.css, "gzipBytes")),
        unit: "kB",
      });
    const noJsOnLoad = spec.key !== "above-fold";
    rows.push({
      name: name("JS files on load"),
      value: m.onLoad.js.length,
      unit: "files",
      ...(noJsOnLoad ? { target: "0", met: m.onLoad.js.length === 0 } : {}),
    });
    const jsRows: [string, Moment | undefined][] = [
      ["once the console is reached", m.afterReach],
      ["once the console is live", m.afterStart],
      ["after typing a command", m.afterTyping],
    ];
    for (const [when, moment] of jsRows) {
      if (moment === undefined) continue;
      const gz = sum(moment.js, "gzipBytes");
      const budgeted = moment === m.afterReach && (spec.key === "console" || spec.key === "picture");
      rows.push({
        name: name(`JS gzip ${when}`),
        value: kB(gz),
        unit: "kB",
        ...(budgeted
          ? { target: `≤ ${jsAfterReachBudgetBytes / 1000} kB`, met: gz <= jsAfterReachBudgetBytes }
          : {}),
      });
      rows.push({ name: name(`JS files ${when}`), value: moment.js.length, unit: "files" });
    }
    const lh = scores.get(spec.key);
    if (lh === undefined) continue;
    for (const c of categories) {
      const score = lh.scores[c];
      if (spec.key === "article")
        rows.push({
          name: name(`Lighthouse ${c}`),
          value: score ?? NaN,
          unit: "",
          target: "100",
          met: score === 100,
        });
      else if (spec.key === "above-fold" && c === "performance")
        rows.push({
          name: name(`Lighthouse ${c}`),
          value: score ?? NaN,
          unit: "",
          target: "≥ 98",
          met: (score ?? 0) >= 98,
        });
      else rows.push({ name: name(`Lighthouse ${c}`), value: score ?? NaN, unit: "" });
    }
  }
  return rows;
}
