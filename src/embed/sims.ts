/**
 * The simulators an instructor can embed, the scenarios each accepts, and the
 * URLs of their embed pages. One list, used by the embed pages, the oEmbed
 * endpoints, the Share button and the documentation page.
 */
import type { Lang } from "../i18n/ui";

export const sims = ["console", "cgroup", "mmu", "io"] as const;
export type Sim = (typeof sims)[number];

/**
 * Scenarios each embed accepts in `?scenario=`, its default first. The plain
 * console takes any scenario (it has no picture that needs one model); a
 * simulator with a picture takes only the scenarios its picture can draw.
 */
export const simScenarios: Record<Sim, readonly string[]> = {
  console: ["default", "cgroup", "cgroup-1cpu", "mmu", "io"],
  cgroup: ["cgroup", "cgroup-1cpu"],
  mmu: ["mmu"],
  io: ["io"],
};

export function isSim(value: string | undefined): value is Sim {
  return (sims as readonly string[]).includes(value ?? "");
}

export function defaultScenarioOf(sim: Sim): string {
  return simScenarios[sim][0] ?? "default";
}

/** The embed whose picture fits a scenario: where a console's Share link points. */
export function simForScenario(scenario: string): Sim {
  for (const sim of ["cgroup", "mmu", "io"] as const) {
    if (simScenarios[sim].includes(scenario)) return sim;
  }
  return "console";
}

/** Site path of an embed page, without base (callers add it with `withBase` or `BASE_URL`). */
export function embedPagePath(lang: Lang, sim: Sim): string {
  return `/${lang}/embed/${sim}/`;
}

export function oembedPath(lang: Lang, sim: Sim): string {
  return `/${lang}/embed/${sim}/oembed.json`;
}

/** The size the iframe snippet and oEmbed suggest: the console's 18 rows plus the bar, and the picture below. */
export const embedSize: Record<Sim, { width: number; height: number }> = {
  console: { width: 720, height: 460 },
  cgroup: { width: 720, height: 900 },
  mmu: { width: 720, height: 1000 },
  io: { width: 720, height: 900 },
};
