/**
 * The query string of an embed page: `scenario`, `run`, `autorun`, `theme`.
 * Every value comes from whoever wrote the link, so each is checked against a
 * closed list or a strict format; a bad value gives a problem code (the page
 * shows its localized message) and falls back to a safe default. Nothing in a
 * parameter is ever echoed back to the page.
 */
import { decodeScript, type ScriptProblem } from "./script";
import { defaultScenarioOf, simScenarios, type Sim } from "./sims";

export type Theme = "light" | "dark";

export interface EmbedParams {
  scenario: string;
  /** Commands to replay; empty when `run` is absent or refused. */
  commands: string[];
  /** Run the commands at once instead of waiting for the reader's click. */
  autorun: boolean;
  /** Absent: the system setting (prefers-color-scheme). */
  theme: Theme | undefined;
}

export type ParamProblem =
  ScriptProblem | "query-too-long" | "scenario-unknown" | "autorun-invalid" | "theme-invalid";

/** A query string longer than this is not read at all (the `run` cap plus room for the rest). */
export const maxQueryChars = 10_000;

export function parseEmbedParams(
  search: string,
  sim: Sim,
): { params: EmbedParams; problems: ParamProblem[] } {
  const params: EmbedParams = {
    scenario: defaultScenarioOf(sim),
    commands: [],
    autorun: false,
    theme: undefined,
  };
  const problems: ParamProblem[] = [];
  if (search.length > maxQueryChars) return { params, problems: ["query-too-long"] };
  let query: URLSearchParams;
  try {
    query = new URLSearchParams(search);
  } catch {
    return { params, problems: ["query-too-long"] };
  }

  const scenario = query.get("scenario");
  let scenarioOk = true;
  if (scenario !== null) {
    if (simScenarios[sim].includes(scenario)) params.scenario = scenario;
    else {
      problems.push("scenario-unknown");
      scenarioOk = false;
    }
  }

  const run = query.get("run");
  if (run !== null) {
    const script = decodeScript(run);
    if (!script.ok) problems.push(script.problem);
    // A script written for another scenario would fail in confusing ways: run nothing instead.
    else if (scenarioOk) params.commands = script.commands;
  }

  const autorun = query.get("autorun");
  if (autorun !== null) {
    if (autorun === "" || autorun === "1" || autorun === "true") params.autorun = true;
    else if (autorun !== "0" && autorun !== "false") problems.push("autorun-invalid");
  }

  const theme = query.get("theme");
  if (theme !== null) {
    if (theme === "light" || theme === "dark") params.theme = theme;
    else problems.push("theme-invalid");
  }
  return { params, problems };
}

/** The query string of a link that reproduces `commands` in `scenario` (no leading "?"). */
export function embedQuery(options: {
  sim: Sim;
  scenario: string;
  run?: string;
  autorun?: boolean;
  theme?: Theme;
}): string {
  const query = new URLSearchParams();
  if (options.scenario !== defaultScenarioOf(options.sim)) query.set("scenario", options.scenario);
  if (options.run !== undefined && options.run !== "") query.set("run", options.run);
  if (options.autorun === true) query.set("autorun", "1");
  if (options.theme !== undefined) query.set("theme", options.theme);
  return query.toString();
}
