// The doctor's output: one line per finding (✓ pass, ! warning, ✗ failure, · skipped) with the
// fix after an arrow, and a summary; or the report as JSON.
import type { Finding, FindingStatus } from './finding.ts';
import type { DoctorReport } from './run-doctor.ts';

const MARK: Record<FindingStatus, string> = { pass: '✓', warn: '!', fail: '✗', skip: '·' };

export function formatText(report: DoctorReport): string {
  const lines = report.findings.map(formatLine);
  const count = (s: FindingStatus) => report.findings.filter((f) => f.status === s).length;
  const failed = count('fail');
  const warned = count('warn');
  lines.push(
    '',
    failed > 0
      ? `${failed} problem(s) to fix, ${warned} warning(s).`
      : warned > 0
        ? `No problems; ${warned} warning(s).`
        : 'No problems found.',
  );
  return `${lines.join('\n')}\n`;
}

export function formatLine(finding: Finding): string {
  const fix =
    finding.fix && (finding.status === 'fail' || finding.status === 'warn') ? ` → ${finding.fix}` : '';
  return `${MARK[finding.status]} ${finding.title}: ${finding.detail}${fix}`;
}

export function formatJson(report: DoctorReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
