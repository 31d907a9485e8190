/**
 * `npm run bench`: the performance budgets as numbers, not as timed tests. Each
 * suite reports what it measured; this prints them side by side with the target
 * from its issue (✓ met, ✗ missed). It never fails the build.
 *
 * `npm run bench <suite>` runs one suite: cgroup, mmu, io or site (the built
 * site: cold build, bytes per page, Lighthouse; see bench/site.ts).
 */
import { benchCgroup } from "./cgroup";
import { benchIo } from "./io";
import { benchMmu } from "./mmu";
import { benchSite } from "./site";

interface Row {
  name: string;
  value: number;
  unit: string;
  target?: string;
  met?: boolean;
}

const suites: [string, () => Promise<Row[]>][] = [
  ["cgroup", benchCgroup],
  ["mmu", benchMmu],
  ["io", benchIo],
  ["site", benchSite],
];

const only = process.argv[2];
if (only !== undefined && !suites.some(([name]) => name === only))
  process.stdout.write(`unknown suite ${only}; suites: ${suites.map(([name]) => name).join(", ")}\n`);
const rows: (Row & { suite: string })[] = [];
for (const [suite, run] of suites) {
  if (only !== undefined && only !== suite) continue;
  try {
    for (const row of await run()) rows.push({ suite, ...row });
  } catch (error) {
    // A bench reports; it does not fail. A suite that breaks says why and the others still run.
    process.stdout.write(
      `${suite}: could not run: ${error instanceof Error ? error.message : String(error)}\n`,
    );
  }
}
const width = Math.max(0, ...rows.map((r) => r.name.length));
process.stdout.write(
  `\nnode ${process.version}, ${process.platform} ${process.arch}, ${new Date().toISOString()}\n`,
);
for (const r of rows) {
  const value = Number.isNaN(r.value)
    ? "–"
    : Number.isInteger(r.value)
      ? String(r.value)
      : r.value.toFixed(1);
  const target = r.target === undefined ? "" : `  target ${r.target} ${r.met === true ? "✓" : "✗"}`;
  process.stdout.write(
    `${r.suite.padEnd(7)} ${r.name.padEnd(width)}  ${value.padStart(12)} ${r.unit.padEnd(7)}${target}\n`,
  );
}
