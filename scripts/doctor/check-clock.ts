// This host's clock against the servers': presigned URLs are signed with the local time (S3 refuses
// a signature more than 15 minutes off) and token and link expiry are compared with it.
import type { DoctorContext } from './doctor-context.ts';
import type { Finding } from './finding.ts';

const WARN_SECONDS = 60;
const FAIL_SECONDS = 15 * 60;

export function checkClock(context: DoctorContext): Finding {
  const id = 'clock';
  const title = 'Clock';
  if (context.dates.length === 0)
    return { id, title, status: 'skip', detail: 'skipped: no server answered with a Date header' };
  // The injected clock (tests) is compared through its offset from the real one used when sending.
  const offset = context.options.now ? context.options.now() - Date.now() : 0;
  let worst = { source: '', skewSeconds: 0 };
  for (const sample of context.dates) {
    const localMiddle = (sample.sentAt + sample.receivedAt) / 2 + offset;
    // Date has whole seconds and the answer took a while: only count what is beyond both.
    const slack = 1_000 + (sample.receivedAt - sample.sentAt) / 2;
    const skewMs = sample.serverTime - localMiddle;
    const beyond = Math.max(0, Math.abs(skewMs) - slack) * Math.sign(skewMs);
    if (Math.abs(beyond) >= Math.abs(worst.skewSeconds * 1000))
      worst = { source: sample.source, skewSeconds: Math.round(beyond / 1000) };
  }
  const sources = [...new Set(context.dates.map((d) => d.source))].join(', ');
  const abs = Math.abs(worst.skewSeconds);
  const direction = worst.skewSeconds > 0 ? 'behind' : 'ahead of';
  if (abs > WARN_SECONDS)
    return {
      id,
      title,
      status: abs > FAIL_SECONDS ? 'fail' : 'warn',
      detail: `this host's clock is ${abs} s ${direction} ${worst.source}: presigned URLs ${abs > FAIL_SECONDS ? 'are refused (S3 allows 15 minutes)' : 'expire early or late'} and token and link expiry are misjudged.`,
      fix: 'Synchronise the clocks with NTP (timedatectl set-ntp true, chrony) here and on every proxy host.',
    };
  return { id, title, status: 'pass', detail: `within ${WARN_SECONDS} s of ${sources}` };
}
