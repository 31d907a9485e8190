/**
 * `npm run bench`: the performance budgets as numbers, not as timed tests. Each
 * model's benchmark reports what it measured; this prints them side by side
 * with the target from its issue. It never fails the build.
 */
import { benchCgroup } from "./cgroup";
import { benchIo } from "./io";
import { benchMmu } from "./mmu";

interface Row {
  name: string;
  value: number;
  unit: string;
}

const suites: [string, () => Promise<Row[]>][] = [
  ["cgroup", benchCgroup],
  ["mmu", benchMmu],
  ["io", benchIo],
];

const only = process.argv[2];
const rows: (Row & { suite: string })[] = [];
for (const [suite, run] of suites) {
  if (only !== undefined && only !== suite) continue;
  for (const row of await run()) rows.push({ suite, ...row });
}
const width = Math.max(...rows.map((r) => r.name.length));
process.stdout.write(`node ${process.version}, ${process.platform} ${process.arch}\n`);
for (const r of rows) {
  const value = Number.isInteger(r.value) ? String(r.value) : r.value.toFixed(1);
  process.stdout.write(`${r.suite.padEnd(7)} ${r.name.padEnd(width)}  ${value.padStart(12)} ${r.unit}\n`);
}
