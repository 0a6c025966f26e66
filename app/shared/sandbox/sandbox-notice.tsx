import { defineMessages, FormattedMessage } from '../i18n/messages.ts';

const messages = defineMessages<{ noS3: { command: string } }>({
  noS3: {
    id: 'sandbox.notice.noS3',
    defaultMessage:
      'Demo without S3: this machine has no Swift, so files kept in the sample S3 buckets (the Open Messaging conversation’s photos and PDFs) are listed as external links and cannot open. Install the test setup’s system packages ({command}) and run npm start again to open them.',
  },
});

export type SandboxNotice = 'no-s3';

/** What of the demo cannot work on this machine and how to enable it (npm start only, never in Genesys). */
export function SandboxNoticeBanner(_props: { notice: SandboxNotice }) {
  return (
    <p className="sandbox-notice" role="note">
      <FormattedMessage {...messages.noS3} values={{ command: 'sudo bash .ci/install-test-deps' }} />
    </p>
  );
}
