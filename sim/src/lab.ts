import "./scenarios";
import { Host } from "./host/host";
import { defaultScenario, getScenario, loadScenario, scenarioNames, type Scenario } from "./host/scenarios";
import type { CommandSpec } from "./shell/command";
import { baseRegistry, installBinaries } from "./shell/commands";
import { Shell, type SessionControl, type Terminal } from "./shell/shell";
import type { ShellLang } from "./i18n/catalog";
import type { Pacer } from "./core/pacer";

export interface LabOptions {
  scenario?: string;
  lang?: ShellLang;
  terminal: Terminal;
  pacer?: Pacer;
  yieldToTasks?: () => Promise<void>;
  onExit?: (status: number) => void;
}

/**
 * One simulated machine and the shell on it: what a page's islands share and
 * what the CLI runs. `reset` rebuilds both from the scenario.
 */
export class Lab implements SessionControl {
  host!: Host;
  /** The host's login shell. */
  shell!: Shell;
  /** Shells stacked on the host's: a guest VM's while it runs. */
  #stack: Shell[] = [];
  readonly scenario: Scenario;
  readonly #options: LabOptions;
  #resetListeners = new Set<(lab: Lab) => void>();
  #milestoneListeners = new Set<(id: string) => void>();
  /** Milestones reached since the last (re)build: each is reported once until `reset`. */
  #reached = new Set<string>();
  #stopMilestones: (() => void) | undefined;

  constructor(options: LabOptions) {
    this.#options = options;
    // The scenario must be loaded already (`Lab.create` does it); an unknown name gets the plain host.
    this.scenario = getScenario(options.scenario ?? "default") ?? defaultScenario;
    this.#build();
  }

  /** Loads the scenario's simulator if needed, then builds the lab. */
  static async create(options: LabOptions): Promise<Lab> {
    await loadScenario(options.scenario ?? "default");
    return new Lab(options);
  }

  /** Replays the scenario's prelude; call once after construction. */
  async start(): Promise<void> {
    for (const line of this.scenario.prelude ?? []) {
      await this.shell.run(line);
    }
  }

  /** The shell that owns the terminal now: the host's, or a guest's while one runs. */
  get active(): Shell {
    return this.#stack.at(-1) ?? this.shell;
  }

  enter(shell: Shell): void {
    this.#stack.push(shell);
  }

  leave(shell: Shell): void {
    const i = this.#stack.lastIndexOf(shell);
    if (i >= 0) this.#stack.splice(i);
  }

  onReset(listener: (lab: Lab) => void): () => void {
    this.#resetListeners.add(listener);
    return () => this.#resetListeners.delete(listener);
  }

  /** Calls `listener` with each of the scenario's milestone ids the first time the lab reaches it. */
  onMilestone(listener: (id: string) => void): () => void {
    this.#milestoneListeners.add(listener);
    return () => this.#milestoneListeners.delete(listener);
  }

  #reach(id: string): void {
    if (this.#reached.has(id)) return;
    this.#reached.add(id);
    for (const listener of this.#milestoneListeners) listener(id);
  }

  #build(): void {
    const previous = this.shell as Shell | undefined;
    const host = new Host(this.scenario.machine);
    const registry = baseRegistry();
    this.scenario.setup?.(host, registry);
    installBinaries(host, registry);
    const shellOptions: ConstructorParameters<typeof Shell>[0] = {
      host,
      registry,
      terminal: this.#options.terminal,
      lang: previous?.lang ?? this.#options.lang ?? "en",
      session: this,
      onReset: () => {
        this.#build();
        void this.start();
        for (const listener of this.#resetListeners) listener(this);
      },
    };
    if (this.#options.pacer !== undefined) shellOptions.pacer = previous?.pacer ?? this.#options.pacer;
    if (this.#options.yieldToTasks !== undefined) shellOptions.yieldToTasks = this.#options.yieldToTasks;
    if (this.#options.onExit !== undefined) shellOptions.onExit = this.#options.onExit;
    this.host = host;
    this.#stopMilestones?.();
    this.#reached = new Set();
    this.#stopMilestones = this.scenario.watchMilestones?.(host, (id) => this.#reach(id));
    this.#stack = [];
    this.shell = new Shell(shellOptions);
    if (previous !== undefined) this.shell.history.push(...previous.history);
  }
}

/** Every command any scenario offers, once each: the console reference page is built from this. */
export async function allCommandSpecs(): Promise<CommandSpec[]> {
  const byName = new Map<string, CommandSpec>();
  for (const name of scenarioNames()) {
    await loadScenario(name);
    const lab = new Lab({ scenario: name, terminal: { colour: false, write: () => undefined } });
    for (const spec of lab.active.registry.all()) if (!byName.has(spec.name)) byName.set(spec.name, spec);
  }
  return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
}

export interface TranscriptEntry {
  readonly prompt: string;
  readonly command: string;
  readonly output: string;
  readonly status: number;
}

/**
 * Runs commands as a reader would type them and records what the console
 * shows: the static transcript of a page, the scenario links and the tests
 * all come from here, so they agree byte for byte.
 */
export async function runTranscript(
  commands: readonly string[],
  options: { scenario?: string; lang?: ShellLang; colour?: boolean; columns?: number } = {},
): Promise<TranscriptEntry[]> {
  let buffer = "";
  const terminal: Terminal = {
    colour: options.colour ?? false,
    write: (text) => {
      buffer += text;
    },
    columns: () => options.columns ?? 80,
  };
  const labOptions: LabOptions = { terminal };
  if (options.scenario !== undefined) labOptions.scenario = options.scenario;
  if (options.lang !== undefined) labOptions.lang = options.lang;
  const lab = await Lab.create(labOptions);
  await lab.start();
  buffer = "";
  const entries: TranscriptEntry[] = [];
  for (const command of commands) {
    const prompt = lab.active.prompt();
    const status = await lab.active.run(command);
    entries.push({ prompt, command, output: buffer, status });
    buffer = "";
  }
  return entries;
}
