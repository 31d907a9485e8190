#!/usr/bin/env node
/**
 * The console's shell in a terminal: `npm run sim`. On a TTY it gives a prompt
 * with line editing (Node's readline: history, Tab completion, Ctrl-C); with
 * standard input piped it runs one command per line and prints only their
 * output, byte for byte what the page's console prints (colour aside).
 */
import { createInterface } from "node:readline";
import { Lab } from "../src/lab";
import { loadScenario, scenarioNames } from "../src/host/scenarios";
import type { ShellLang } from "../src/i18n/catalog";

interface CliOptions {
  lang: ShellLang;
  scenario: string;
}

function parseArgs(argv: string[]): CliOptions | string {
  const options: CliOptions = { lang: "en", scenario: "default" };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] = arg.includes("=")
      ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
      : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    if (name === "--lang") {
      const v = value();
      if (v !== "ko" && v !== "en") return `sim: --lang takes ko or en (got '${v ?? ""}')`;
      options.lang = v;
    } else if (name === "--scenario") {
      const v = value() ?? "";
      if (!scenarioNames().includes(v))
        return `sim: unknown scenario '${v}' (known: ${scenarioNames().join(", ")})`;
      options.scenario = v;
    } else if (name === "--help" || name === "-h") {
      return "usage";
    } else {
      return `sim: unknown argument '${arg}'`;
    }
  }
  return options;
}

const parsed = parseArgs(process.argv.slice(2));
if (parsed === "usage") {
  process.stdout.write(
    `Usage: npm run sim -- [--lang ko|en] [--scenario NAME]\nScenarios: ${scenarioNames().join(", ")}\nWith standard input piped, runs one command per line and prints their output.\n`,
  );
  process.exit(0);
}
if (typeof parsed === "string") {
  process.stderr.write(`${parsed}\n`);
  process.exit(2);
}

const interactive = process.stdin.isTTY && process.stdout.isTTY;
await loadScenario(parsed.scenario);
const lab = new Lab({
  scenario: parsed.scenario,
  lang: parsed.lang,
  terminal: {
    colour: interactive,
    write: (text) => process.stdout.write(text),
    columns: () => process.stdout.columns || 80,
  },
  yieldToTasks: () => new Promise((resolve) => setImmediate(resolve)),
  onExit: (status) => {
    process.exitCode = status;
    if (interactive) process.stdout.write("logout\n");
    process.exit(status);
  },
});
await lab.start();

if (!interactive) {
  // One command per line, in order; the exit status is the last command's, as `bash -s` does.
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity, terminal: false });
  let status = 0;
  for await (const line of rl) status = await lab.active.run(line);
  process.exitCode = status;
} else {
  const rl = createInterface({
    input: process.stdin,
    output: process.stdout,
    terminal: true,
    historySize: 500,
    completer: (line: string): [string[], string] => {
      const result = lab.active.complete(line, line.length);
      return [result.candidates, line.slice(result.start)];
    },
  });
  rl.on("SIGINT", () => {
    if (lab.active.busy) {
      process.stdout.write("^C\n");
      lab.active.interrupt();
    } else {
      process.stdout.write("^C\n");
      rl.setPrompt(lab.active.prompt());
      rl.prompt();
    }
  });
  const prompt = (): void => {
    rl.setPrompt(lab.active.prompt());
    rl.prompt();
  };
  rl.on("line", (line) => {
    rl.pause();
    void lab.active.run(line).then(() => {
      rl.resume();
      prompt();
    });
  });
  rl.on("close", () => {
    process.stdout.write("logout\n");
    process.exit(lab.active.lastStatus);
  });
  prompt();
}
