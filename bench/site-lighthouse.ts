/**
 * Lighthouse on a built page, through its CLI: the default (mobile) form factor with simulated
 * throttling, all four categories, against system Chromium. Lighthouse decides itself how to
 * throttle (https://github.com/GoogleChrome/lighthouse/blob/main/docs/throttling.md), so scores
 * vary a point or two from run to run and with the machine's load.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { chromiumFlags } from "./site-network";

export const categories = ["performance", "accessibility", "best-practices", "seo"] as const;
export type Category = (typeof categories)[number];

export interface FailingAudit {
  id: string;
  title: string;
  score: number;
  displayValue?: string;
}

export interface LighthouseResult {
  url: string;
  /** 0–100 per category; undefined when Lighthouse could not score it. */
  scores: Partial<Record<Category, number>>;
  /** Audits that cost points, per category (weighted audits with a score below 1). */
  failing: Partial<Record<Category, FailingAudit[]>>;
  /** Lighthouse's CPU benchmark of this machine (higher is faster); 1000–1500 is a mid-range phone. */
  benchmarkIndex?: number;
  error?: string;
}

interface Report {
  categories: Record<string, { score: number | null; auditRefs: { id: string; weight: number }[] }>;
  audits: Record<string, { id: string; title: string; score: number | null; displayValue?: string }>;
  environment?: { benchmarkIndex?: number };
  runtimeError?: { code: string; message: string };
}

function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", (error) => resolve({ code: -1, stderr: String(error) }));
    child.on("close", (code) => resolve({ code: code ?? -1, stderr }));
  });
}

/** Runs Lighthouse on `url`, keeping its JSON report at `out` for a closer look. */
export async function lighthouse(url: string, out: string): Promise<LighthouseResult> {
  rmSync(out, { force: true });
  const chromePath =
    process.env.CHROME_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
  const { code, stderr } = await run(
    "node_modules/.bin/lighthouse",
    [
      url,
      "--quiet",
      "--output=json",
      `--output-path=${out}`,
      `--only-categories=${categories.join(",")}`,
      `--chrome-flags=--headless=new --no-sandbox ${chromiumFlags.join(" ")}`,
    ],
    { ...process.env, ...(chromePath === undefined ? {} : { CHROME_PATH: chromePath }) },
  );
  if (code !== 0 || !existsSync(out))
    return {
      url,
      scores: {},
      failing: {},
      error: `lighthouse exited with ${code}: ${stderr.trim().slice(-400)}`,
    };
  const report = JSON.parse(readFileSync(out, "utf8")) as Report;
  const result: LighthouseResult = {
    url,
    scores: {},
    failing: {},
    ...(report.environment?.benchmarkIndex === undefined
      ? {}
      : { benchmarkIndex: report.environment.benchmarkIndex }),
    ...(report.runtimeError === undefined
      ? {}
      : { error: `${report.runtimeError.code}: ${report.runtimeError.message}` }),
  };
  for (const category of categories) {
    const c = report.categories[category];
    if (c === undefined || c.score === null) continue;
    result.scores[category] = Math.round(c.score * 100);
    result.failing[category] = c.auditRefs
      .filter((ref) => ref.weight > 0)
      .map((ref) => report.audits[ref.id])
      .filter((a): a is NonNullable<typeof a> => a !== undefined && a.score !== null && a.score < 1)
      .map((a) => ({
        id: a.id,
        title: a.title,
        score: a.score ?? 0,
        ...(a.displayValue === undefined ? {} : { displayValue: a.displayValue }),
      }));
  }
  return result;
}
