#!/usr/bin/env node
// Adds up every package's vitest JSON report (packages/*/test-results/vitest.json) and
// prints the totals on a line of their own: "N passed, N failed, N skipped".
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
let passed = 0;
let failed = 0;
let skipped = 0;
let reports = 0;
for (const name of readdirSync(join(root, "packages"))) {
  const file = join(root, "packages", name, "test-results", "vitest.json");
  if (!existsSync(file)) continue;
  const report = JSON.parse(readFileSync(file, "utf8"));
  reports += 1;
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  // A suite that failed to load has no tests of its own: count it as a failure.
  for (const suite of report.testResults ?? []) {
    if (suite.status === "failed" && (suite.assertionResults ?? []).length === 0) failed += 1;
  }
}
console.error(`(summed ${reports} vitest reports)`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
