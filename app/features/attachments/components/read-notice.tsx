import { defineMessages, FormattedMessage, type NoMessageValues } from '../../../shared/i18n/messages.ts';
import type { ReadNotice } from '../api/read-notice.ts';

const messages = defineMessages<{
  preparing: NoMessageValues;
  pastRetention: NoMessageValues;
  emailTooLarge: NoMessageValues;
  otherErrorStatus: { status: string };
  archived: NoMessageValues;
  restoring: NoMessageValues;
  deleted: NoMessageValues;
  uploading: NoMessageValues;
  otherFileState: { state: string };
}>({
  preparing: {
    id: 'attachments.readNotice.preparing',
    defaultMessage:
      'Genesys Cloud is still preparing the transcript of this interaction, so its files cannot be listed yet. Trying again automatically…',
  },
  pastRetention: {
    id: 'attachments.readNotice.pastRetention',
    defaultMessage:
      'Genesys Cloud no longer keeps this interaction: it is past your organization’s retention period, so its files cannot be listed. If it is recent, check the id, and that you are signed in to the organization and region it belongs to.',
  },
  emailTooLarge: {
    id: 'attachments.readNotice.emailTooLarge',
    defaultMessage:
      'This email is too large for Genesys Cloud to return its transcript, so its attachments cannot be listed here. Open the interaction in Genesys Cloud to see them.',
  },
  otherErrorStatus: {
    id: 'attachments.readNotice.otherErrorStatus',
    defaultMessage:
      'Genesys Cloud could not return the recording of this interaction ({status}), so its files cannot be listed.',
  },
  archived: {
    id: 'attachments.readNotice.archived',
    defaultMessage:
      'The recording of this interaction is archived. Ask your Genesys Cloud admin to restore it; its files are listed once it is restored.',
  },
  restoring: {
    id: 'attachments.readNotice.restoring',
    defaultMessage:
      'The recording of this interaction is being restored from the archive. Its files are listed once restoring finishes.',
  },
  deleted: {
    id: 'attachments.readNotice.deleted',
    defaultMessage:
      'The recording of this interaction was deleted by your organization’s retention policy, so its files cannot be listed.',
  },
  uploading: {
    id: 'attachments.readNotice.uploading',
    defaultMessage:
      'The recording of this interaction is still being uploaded. Its files are listed once it is ready.',
  },
  otherFileState: {
    id: 'attachments.readNotice.otherFileState',
    defaultMessage:
      'Genesys Cloud reports the recording of this interaction as {state}, so its files cannot be listed.',
  },
});

const fileStateMessages: Record<string, (typeof messages)[keyof typeof messages] | undefined> = {
  ARCHIVED: messages.archived,
  RESTORING: messages.restoring,
  DELETED: messages.deleted,
  UPLOADING: messages.uploading,
};

/** Says why no files are listed, in place of "no attachments", when Genesys gave a reason. */
export function ReadNoticeText({ notice }: { notice: ReadNotice }) {
  return (
    <p className="read-notice" role="status">
      <NoticeMessage notice={notice} />
    </p>
  );
}

function NoticeMessage({ notice }: { notice: ReadNotice }) {
  switch (notice.kind) {
    case 'preparing':
      return <FormattedMessage {...messages.preparing} />;
    case 'past-retention':
      return <FormattedMessage {...messages.pastRetention} />;
    case 'error-status':
      return notice.value === 'EMAIL_TRANSCRIPT_TOO_LARGE' ? (
        <FormattedMessage {...messages.emailTooLarge} />
      ) : (
        <FormattedMessage {...messages.otherErrorStatus} values={{ status: notice.value }} />
      );
    case 'file-state': {
      const known = fileStateMessages[notice.value];
      return known ? (
        <FormattedMessage {...known} />
      ) : (
        <FormattedMessage {...messages.otherFileState} values={{ state: notice.value }} />
      );
    }
  }
}
