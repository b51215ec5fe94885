// Prints the one line CI reads: "N passed, N failed, N skipped", from vitest's JSON report.
// A missing or unreadable report counts as a failure: a run that reported nothing proved nothing.
import { readFileSync } from 'node:fs';

const path = process.argv[2];
// Checks run outside vitest (typecheck, lint), passed and failed, added to the counts.
const checksPassed = Number(process.argv[3] ?? 0);
const checksFailed = Number(process.argv[4] ?? 0);
let report;
try {
  report = JSON.parse(readFileSync(path, 'utf8'));
} catch (error) {
  console.log(`no test report at ${path}: ${error.message}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const passed = (report.numPassedTests ?? 0) + checksPassed;
// A file that failed without a failed test (it did not load, or a hook threw) counts once.
// vitest's numFailedTestSuites is no use here: it also counts every describe block around a
// failed test, so one failure inside a describe would be reported twice.
const failed = (report.numFailedTests ?? 0) + filesFailedWithoutFailedTests(report) + checksFailed;
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);

function filesFailedWithoutFailedTests(r) {
  return (r.testResults ?? []).filter(
    (file) => file.status === 'failed' && !(file.assertionResults ?? []).some((t) => t.status === 'failed'),
  ).length;
}
