/**
 * The texts a console island needs, built on the server from the UI
 * dictionaries so the island ships only the strings of its own language.
 */
import { t, type Lang } from "../i18n/ui";
import { withBase } from "../lib/urls";
import type { ConsoleLabels, EmbedProps } from "./island-props";
import type { ParamProblem } from "./params";
import { simForScenario, simScenarios, type Sim } from "./sims";

export function embedTitle(lang: Lang, sim: Sim): string {
  return t(lang, `embed.title.${sim}`);
}

export function consoleLabels(lang: Lang, scenario: string): ConsoleLabels {
  return {
    title: t(lang, "console.label"),
    transcript: t(lang, "console.transcript"),
    loading: t(lang, "console.loading"),
    failed: t(lang, "console.failed"),
    hint: t(lang, "console.hint"),
    activate: t(lang, "console.activate"),
    speed: t(lang, "console.speed"),
    instant: t(lang, "console.speedInstant"),
    screenReader: t(lang, "console.screenReader"),
    running: t(lang, "console.running"),
    share: t(lang, "console.share"),
    embed: t(lang, "console.embed"),
    shareField: t(lang, "console.shareField"),
    embedField: t(lang, "console.embedField"),
    copied: t(lang, "console.copied"),
    copyManually: t(lang, "console.copyManually"),
    shareTooLong: t(lang, "console.shareTooLong"),
    iframeTitle: `${embedTitle(lang, simForScenario(scenario))} | ${t(lang, "site.name")}`,
    guide: t(lang, "embed.guide"),
    guideUrl: withBase(`/${lang}/embed/`),
  };
}

const problems: readonly ParamProblem[] = [
  "query-too-long",
  "scenario-unknown",
  "run-encoding",
  "run-too-long",
  "run-too-many",
  "run-command-too-long",
  "run-control",
  "autorun-invalid",
  "theme-invalid",
];

export function embedProps(lang: Lang, sim: Sim): EmbedProps {
  const problem = Object.fromEntries(
    problems.map((p) => [p, t(lang, `embed.problem.${p}`).replace("{list}", simScenarios[sim].join(", "))]),
  ) as Record<ParamProblem, string>;
  return {
    sim,
    labels: {
      run: t(lang, "embed.run"),
      script: t(lang, "embed.script"),
      problems: t(lang, "embed.problems"),
      problem,
    },
  };
}
