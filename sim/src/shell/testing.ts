import { Lab } from "../lab";
// Tests build labs synchronously for any scenario: load every simulator up front.
import "../scenarios/all";
import type { ShellLang } from "../i18n/catalog";
import type { Pacer } from "../core/pacer";

/** A lab whose terminal output is collected, for tests. */
export function testLab(
  options: { lang?: ShellLang; scenario?: string; pacer?: Pacer; columns?: number } = {},
): {
  lab: Lab;
  run: (line: string) => Promise<{ out: string; status: number }>;
  output: () => string;
} {
  let buffer = "";
  const labOptions: ConstructorParameters<typeof Lab>[0] = {
    terminal: { colour: false, write: (t) => (buffer += t), columns: () => options.columns ?? 80 },
    yieldToTasks: () => new Promise((resolve) => setImmediate(resolve)),
  };
  if (options.lang !== undefined) labOptions.lang = options.lang;
  if (options.scenario !== undefined) labOptions.scenario = options.scenario;
  if (options.pacer !== undefined) labOptions.pacer = options.pacer;
  const lab = new Lab(labOptions);
  return {
    lab,
    async run(line) {
      buffer = "";
      const status = await lab.shell.run(line);
      return { out: buffer, status };
    },
    output: () => buffer,
  };
}
