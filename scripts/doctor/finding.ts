// What every doctor check reports: one finding per line of output, each with what is wrong and how
// to fix it.

export type FindingStatus = 'pass' | 'warn' | 'fail' | 'skip';

export interface Finding {
  /** Stable id, e.g. `proxy.widget`; tests and `--json` readers switch on it. */
  id: string;
  title: string;
  status: FindingStatus;
  /** What was checked and what was seen. */
  detail: string;
  /** What to do about it (warnings and failures). */
  fix?: string;
}

/** One problem found by a check; a check with several folds them into one finding. */
export interface Problem {
  status: 'warn' | 'fail';
  detail: string;
  fix: string;
}

const rank: Record<FindingStatus, number> = { skip: 0, pass: 1, warn: 2, fail: 3 };

/** The worse of two statuses (fail > warn > pass > skip). */
export function worst(a: FindingStatus, b: FindingStatus): FindingStatus {
  return rank[a] >= rank[b] ? a : b;
}

/** A finding from the problems a check found, or a pass with `passDetail` when there are none. */
export function fromProblems(id: string, title: string, problems: Problem[], passDetail: string): Finding {
  if (problems.length === 0) return { id, title, status: 'pass', detail: passDetail };
  const status = problems.reduce<FindingStatus>((s, p) => worst(s, p.status), 'pass');
  // Failures first: they are what stops the deployment.
  const ordered = [...problems].sort((a, b) => rank[b.status] - rank[a.status]);
  return {
    id,
    title,
    status,
    detail: ordered.map((p) => p.detail).join(' '),
    fix: [...new Set(ordered.map((p) => p.fix))].join(' '),
  };
}

export const skip = (id: string, title: string, detail: string): Finding => ({
  id,
  title,
  status: 'skip',
  detail,
});
