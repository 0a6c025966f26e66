// An email thread as a real org keeps it: five messages, so the listing spans pages (nextUri); the
// customer's invoice arrives after three inline images (logo, signature, banner) in the same email;
// the agent's reply names an attachment without a contentUri; the last page holds a photo.
import type { Models } from 'purecloud-platform-client-v2';
import { emailConversationView } from './conversation-email.ts';
import { genesysDownloadUrl } from './reference-urls.ts';
import { conversationIds, hexId } from './sample-ids.ts';
import type { GenesysHostedFiles, HostedFile } from './sample-storage.ts';

const id = conversationIds.emailLongThread;
const customer = { email: 'lee.morgan@example.org', name: 'Lee Morgan' };
const claims = { email: 'claims@sandbox-insurance.example', name: 'Sandbox Insurance Claims' };
const subject = 'Repair invoice CLM-1008';

export const longThreadMessageIds = {
  invoice: hexId(`${id}/email/invoice`),
  terms: hexId(`${id}/email/terms`),
  question: hexId(`${id}/email/question`),
  answer: hexId(`${id}/email/answer`),
  photo: hexId(`${id}/email/photo`),
};

/** The attachment the agent's reply names without a contentUri. */
export const termsAttachment = { attachmentId: hexId(`${id}/email-attachment/terms`), name: 'terms.pdf' };

function attachment(key: string, h: HostedFile, inlineImage: boolean): Models.Attachment {
  return {
    attachmentId: hexId(`${id}/email-attachment/${key}`),
    name: h.file.name,
    contentUri: genesysDownloadUrl(h.downloadId),
    contentType: h.file.contentType,
    contentLength: h.file.bytes.length,
    inlineImage,
  };
}

function message(
  key: keyof typeof longThreadMessageIds,
  from: 'customer' | 'agent',
  time: string,
  textBody: string,
  attachments: Models.Attachment[] = [],
): Models.EmailMessage {
  const messageId = longThreadMessageIds[key];
  return {
    id: messageId,
    to: [from === 'customer' ? claims : customer],
    from: from === 'customer' ? customer : claims,
    subject: from === 'customer' ? subject : `RE: ${subject}`,
    ...(attachments.length === 0 ? {} : { attachments }),
    textBody,
    time,
    historyIncluded: from === 'agent',
    selfUri: `/api/v2/conversations/emails/${id}/messages/${messageId}`,
  };
}

export function emailLongThreadMessages(hosted: GenesysHostedFiles): Models.EmailMessage[] {
  return [
    // The signature's images come first in the email, as mail clients write them.
    message(
      'invoice',
      'customer',
      '2026-03-13T08:00:00.000Z',
      'Hello,\n\nthe garage invoice is attached.\n\nLee',
      [
        attachment('logo', hosted.companyLogo, true),
        attachment('signature', hosted.signatureImage, true),
        attachment('banner', hosted.bannerImage, true),
        attachment('invoice', hosted.oldInvoice, false),
      ],
    ),
    message(
      'terms',
      'agent',
      '2026-03-13T08:30:00.000Z',
      'Dear Lee,\n\nthank you. Our repair terms are attached.',
      [
        // Exports and some channels name an attachment without a URI: listed, never retrievable.
        { ...termsAttachment, contentType: 'application/pdf', contentLength: 20_480, inlineImage: false },
      ],
    ),
    message('question', 'customer', '2026-03-13T09:00:00.000Z', 'Is the excess already deducted?'),
    message(
      'answer',
      'agent',
      '2026-03-13T09:20:00.000Z',
      'Yes, the invoice total already deducts the excess.',
    ),
    message('photo', 'customer', '2026-03-13T10:00:00.000Z', 'One more: the receipt for the towing.', [
      attachment('receipt', hosted.receipt, false),
    ]),
  ] satisfies Models.EmailMessage[];
}

export function emailLongThreadView(): Models.Conversation {
  return emailConversationView(id, subject, customer);
}
