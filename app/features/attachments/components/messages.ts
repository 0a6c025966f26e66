// The catalogue messages of the attachment list's notes and badges that issue 14 added
// (docs/i18n.md): a part of the conversation that could not be read, inline images, files that
// cannot be retrieved or were not checked.
import { defineMessages, type NoMessageValues } from '../../../shared/i18n/messages.ts';

// Each sentence names the part that could not be read with an ICU select on `source`, whole, so
// translators see sentences, not fragments.
type Part = { source: string };

export const attachmentMessages = defineMessages<{
  unreadHeading: NoMessageValues;
  missingPermission: Part & { permission: string };
  notAuthorized: Part;
  notFound: Part;
  rateLimited: Part;
  unavailable: Part;
  badResponse: Part;
  retry: NoMessageValues;
  emptyButPartial: NoMessageValues;
  inlineImagesLabel: NoMessageValues;
  inlineImages: { count: number };
  counted: { files: number; inline: number };
}>({
  unreadHeading: {
    id: 'attachments.unread.heading',
    defaultMessage: 'Parts of this conversation that could not be read',
  },
  missingPermission: {
    id: 'attachments.unread.missingPermission',
    defaultMessage:
      '{source, select, messages {The message contents} emails {The email messages} recordings {The recordings} other {The conversation}} could not be read: your role needs the {permission} permission. Files there are not listed. Ask your Genesys Cloud admin.',
  },
  notAuthorized: {
    id: 'attachments.unread.notAuthorized',
    defaultMessage:
      '{source, select, messages {The message contents} emails {The email messages} recordings {The recordings} other {The conversation}} could not be read: your role may not read them. Files there are not listed.',
  },
  notFound: {
    id: 'attachments.unread.notFound',
    defaultMessage:
      '{source, select, messages {The message contents} emails {The email messages} recordings {The recordings} other {The conversation}} are no longer in Genesys Cloud (removed, or past retention). Files there are not listed.',
  },
  rateLimited: {
    id: 'attachments.unread.rateLimited',
    defaultMessage:
      '{source, select, messages {The message contents} emails {The email messages} recordings {The recordings} other {The conversation}} could not be read yet: Genesys Cloud asked us to slow down. Files there are not listed yet.',
  },
  unavailable: {
    id: 'attachments.unread.unavailable',
    defaultMessage:
      '{source, select, messages {The message contents} emails {The email messages} recordings {The recordings} other {The conversation}} could not be read: Genesys Cloud did not answer in time. Files there are not listed yet.',
  },
  badResponse: {
    id: 'attachments.unread.badResponse',
    defaultMessage:
      '{source, select, messages {The message contents} emails {The email messages} recordings {The recordings} other {The conversation}} could not be read: Genesys Cloud gave an unexpected answer. Files there are not listed.',
  },
  retry: { id: 'attachments.unread.retry', defaultMessage: 'Try again' },
  emptyButPartial: {
    id: 'attachments.list.emptyButPartial',
    defaultMessage: 'No attachments in the parts of this conversation that could be read.',
  },
  inlineImagesLabel: { id: 'attachments.inline.label', defaultMessage: 'Inline images' },
  inlineImages: {
    id: 'attachments.inline.toggle',
    defaultMessage: '{count, plural, one {# inline image} other {# inline images}}',
  },
  counted: {
    id: 'attachments.list.counted',
    defaultMessage:
      '{files, plural, one {# attachment} other {# attachments}}{inline, plural, =0 {} one {, and # inline image} other {, and # inline images}}',
  },
});
