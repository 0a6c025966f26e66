import type { z } from 'zod';

/** A configuration error whose message lists every bad field and how to fix it, one per line. */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  constructor(
    readonly subject: string,
    readonly issues: readonly string[],
  ) {
    super(`${subject} is invalid:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
  }

  static fromZod(subject: string, error: z.ZodError): ValidationError {
    return new ValidationError(
      subject,
      error.issues.map((issue) => {
        const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
        return `${path.replace(/^\./, '') || '(root)'}: ${issue.message}`;
      }),
    );
  }
}
