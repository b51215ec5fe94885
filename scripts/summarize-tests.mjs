// Prints the one line CI reads: "N passed, N failed, N skipped", from vitest's JSON reports (one per
// engine of the matrix), after one line per report. A missing or unreadable report counts as a
// failure: a run that reported nothing proved nothing.
// Usage: summarize-tests.mjs CHECKS_PASSED CHECKS_FAILED LABEL=REPORT.json [LABEL=REPORT.json …]
import { readFileSync } from 'node:fs';

// Checks run outside vitest (typecheck, lint), passed and failed, added to the counts.
const checksPassed = Number(process.argv[2] ?? 0);
const checksFailed = Number(process.argv[3] ?? 0);
const reports = process.argv.slice(4);
let passed = checksPassed;
let failed = checksFailed;
let skipped = 0;
for (const labelled of reports) {
  const at = labelled.indexOf('=');
  const [label, path] = at > 0 ? [labelled.slice(0, at), labelled.slice(at + 1)] : [labelled, labelled];
  let report;
  try {
    report = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    console.log(`${label}: no test report at ${path}: ${error.message}`);
    failed += 1;
    continue;
  }
  // A file that failed without a failed test (it did not load, or a hook threw) counts once.
  // vitest's numFailedTestSuites is no use here: it also counts every describe block around a
  // failed test, so one failure inside a describe would be reported twice.
  const p = report.numPassedTests ?? 0;
  const f = (report.numFailedTests ?? 0) + filesFailedWithoutFailedTests(report);
  const s = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  if (reports.length > 1) console.log(`${label}: ${p} passed, ${f} failed, ${s} skipped`);
  for (const line of failureLines(report)) console.log(`  ${line}`);
  passed += p;
  failed += f;
  skipped += s;
}
if (reports.length === 0) failed += 1;
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);

// CI keeps only the tail of the log: name each failure there, with the first line of its message,
// so a failure on a machine we cannot reach still says which test and why.
function failureLines(r) {
  const lines = [];
  for (const file of r.testResults ?? []) {
    const where = String(file.name ?? '').replace(/^.*?\/(test|bench)\//, '$1/');
    const failedTests = (file.assertionResults ?? []).filter((t) => t.status === 'failed');
    for (const test of failedTests) {
      lines.push(`FAILED ${where} > ${test.fullName ?? test.title}: ${firstLine(test.failureMessages?.[0])}`);
    }
    if (file.status === 'failed' && failedTests.length === 0)
      lines.push(`FAILED ${where}: ${firstLine(file.message)}`);
  }
  return lines;
}

function firstLine(text) {
  // eslint-disable-next-line no-control-regex
  const plain = String(text ?? '').replace(/\u001b\[[0-9;]*m/g, '');
  return (
    plain
      .split('\n')
      .find((l) => l.trim() !== '')
      ?.trim()
      .slice(0, 300) ?? '(no message)'
  );
}

function filesFailedWithoutFailedTests(r) {
  return (r.testResults ?? []).filter(
    (file) => file.status === 'failed' && !(file.assertionResults ?? []).some((t) => t.status === 'failed'),
  ).length;
}
