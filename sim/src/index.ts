export { Lab, runTranscript, allCommandSpecs, type LabOptions, type TranscriptEntry } from "./lab";
export type { CommandSpec, OptionSpec } from "./shell/command";
export { Shell, type Terminal } from "./shell/shell";
export { Host } from "./host/host";
export { scenarioNames, getScenario, loadScenario } from "./host/scenarios";
export type { ShellLang } from "./i18n/catalog";
export * from "./core";
