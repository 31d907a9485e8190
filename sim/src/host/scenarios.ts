import type { MachineConfig } from "./machine";
import type { Host } from "./host";
import type { CommandRegistry } from "../shell/command";

/**
 * Named starting states shared by articles, embeds and tests: the machine, the
 * models mounted on it, and commands replayed before the reader types. Defined
 * once here so an article's transcript, an embed link and a test start from
 * the same bytes.
 */
export interface Scenario {
  readonly name: string;
  readonly title: { readonly en: string; readonly ko: string };
  readonly machine?: Partial<MachineConfig>;
  /** Mounts models and their commands onto a fresh host. */
  setup?(host: Host, registry: CommandRegistry): void;
  /** Commands replayed (silently) before the console hands over. */
  readonly prelude?: readonly string[];
  /**
   * Progress points a course page can check (embeds post them to their host page): machine-readable
   * ids such as "cgroup.throttled", each with a one-line description in both languages.
   */
  readonly milestones?: readonly ScenarioMilestone[];
  /** Watches the models on a fresh host and calls `reach` with a declared milestone id; returns a stop function. */
  watchMilestones?(host: Host, reach: (id: string) => void): () => void;
}

export interface ScenarioMilestone {
  readonly id: string;
  readonly title: { readonly en: string; readonly ko: string };
}

const scenarios = new Map<string, Scenario>();

export function defineScenario(scenario: Scenario): Scenario {
  scenarios.set(scenario.name, scenario);
  return scenario;
}

export function getScenario(name: string): Scenario | undefined {
  return scenarios.get(name);
}

/**
 * Simulators register a loader per scenario name instead of importing their
 * models eagerly, so a page's console downloads only the simulator it runs.
 */
const loaders = new Map<string, () => Promise<unknown>>();

export function defineScenarioLoader(names: readonly string[], load: () => Promise<unknown>): void {
  for (const name of names) loaders.set(name, load);
}

/** Makes `name` available to `getScenario` (importing its simulator on first use). */
export async function loadScenario(name: string): Promise<Scenario | undefined> {
  const known = scenarios.get(name);
  if (known !== undefined) return known;
  const load = loaders.get(name);
  if (load === undefined) return undefined;
  await load();
  return scenarios.get(name);
}

/** Every scenario name, loaded or not. */
export function scenarioNames(): string[] {
  return [...new Set([...scenarios.keys(), ...loaders.keys()])].sort();
}

export const defaultScenario = defineScenario({
  name: "default",
  title: { en: "A plain Linux host (4 CPUs, 8 GiB)", ko: "기본 리눅스 호스트 (CPU 4개, 메모리 8GiB)" },
});
