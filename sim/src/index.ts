export { Lab, runTranscript, type LabOptions, type TranscriptEntry } from "./lab";
export { Shell, type Terminal } from "./shell/shell";
export { Host } from "./host/host";
export { scenarioNames, getScenario } from "./host/scenarios";
export type { ShellLang } from "./i18n/catalog";
export * from "./core";
