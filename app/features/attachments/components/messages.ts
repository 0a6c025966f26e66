// The English strings of the attachments feature's notes, kept in one object so they move into the
// message catalogue mechanically once it exists.
import type { ReadSource } from '../../../../core/read-failure.ts';

export const attachmentMessages = {
  unreadHeading: 'Parts of this conversation that could not be read',
  sourceNames: {
    conversation: 'The conversation',
    messages: 'The message contents',
    emails: 'The email messages',
    recordings: 'The recordings',
  } satisfies Record<ReadSource, string>,
  missingPermission: (source: string, permission: string) =>
    `${source} could not be read: your role needs the ${permission} permission. Files there are not listed. Ask your Genesys Cloud admin.`,
  notAuthorized: (source: string) =>
    `${source} could not be read: your role may not read them. Files there are not listed.`,
  notFound: (source: string) =>
    `${source} are no longer in Genesys Cloud (removed, or past retention). Files there are not listed.`,
  rateLimited: (source: string) =>
    `${source} could not be read yet: Genesys Cloud asked us to slow down. Files there are not listed yet.`,
  unavailable: (source: string) =>
    `${source} could not be read: Genesys Cloud did not answer in time. Files there are not listed yet.`,
  badResponse: (source: string) =>
    `${source} could not be read: Genesys Cloud gave an unexpected answer. Files there are not listed.`,
  retry: 'Try again',
  notRetrievable: 'Not retrievable',
  notCheckedYet: 'Not checked yet',
  inlineImagesLabel: 'Inline images',
  inlineImages: (count: number) => (count === 1 ? '1 inline image' : `${count} inline images`),
  counted: (files: number, inline: number) =>
    `${files} attachment${files === 1 ? '' : 's'}${inline > 0 ? `, and ${inline} inline image${inline === 1 ? '' : 's'}` : ''}`,
  emptyButPartial: 'No attachments in the parts of this conversation that could be read.',
} as const;
