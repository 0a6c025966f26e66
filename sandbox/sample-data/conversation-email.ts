// An email thread: the customer's message with a PDF and an inline logo, and the agent's reply
// with a form, a 520-page handbook, a password-protected statement and an Arabic/Japanese letter. Served by GET /conversations/{id} and the emails endpoints.
import type { Models } from 'purecloud-platform-client-v2';
import { downloadsHost } from './conversation-web-messaging.ts';
import { genesysDownloadUrl } from './reference-urls.ts';
import { conversationIds, hexId, queueId, userIds, uuidFrom } from './sample-ids.ts';
import type { GenesysHostedFiles, HostedFile } from './sample-storage.ts';

const id = conversationIds.email;
const customerAddress = { email: 'dana.whitfield@example.org', name: 'Dana Whitfield' };
const claimsAddress = { email: 'claims@sandbox-insurance.example', name: 'Sandbox Insurance Claims' };
export const emailMessageIds = { report: hexId(`${id}/email/report`), reply: hexId(`${id}/email/reply`) };

function attachment(key: string, h: HostedFile, inlineImage: boolean, host?: string): Models.Attachment {
  return {
    attachmentId: hexId(`${id}/email-attachment/${key}`),
    name: h.file.name,
    contentUri: genesysDownloadUrl(h.downloadId, host),
    contentType: h.file.contentType,
    contentLength: h.file.bytes.length,
    inlineImage,
  };
}

export function emailMessages(hosted: GenesysHostedFiles): Models.EmailMessage[] {
  const logo = attachment('logo', hosted.companyLogo, true);
  return [
    {
      id: emailMessageIds.report,
      to: [claimsAddress],
      from: customerAddress,
      subject: 'Accident report CLM-1001',
      attachments: [attachment('report', hosted.accidentReport, false, downloadsHost), logo],
      textBody: 'Hello,\n\nplease find my accident report attached.\n\nKind regards,\nDana Whitfield',
      htmlBody:
        '<p>Hello,</p><p>please find my accident report attached.</p><p>Kind regards,<br>Dana Whitfield</p>' +
        `<p><img src="cid:${logo.attachmentId}" alt="ACME"></p>`,
      time: '2026-03-12T09:00:00.000Z',
      historyIncluded: false,
      emailSizeBytes: 16_420,
      selfUri: `/api/v2/conversations/emails/${id}/messages/${emailMessageIds.report}`,
    },
    {
      id: emailMessageIds.reply,
      to: [customerAddress],
      from: claimsAddress,
      subject: 'RE: Accident report CLM-1001',
      attachments: [
        attachment('claim-form', hosted.claimForm, false),
        attachment('claims-handbook', hosted.handbook, false),
        attachment('protected-statement', hosted.protectedStatement, false),
        attachment('multilingual-letter', hosted.multilingualLetter, false),
      ],
      textBody:
        'Dear Dana,\n\nthank you. Please sign and return the attached claim form. The handbook explains the next ' +
        'steps; your statement is protected with the password we sent by text message.\n\nAlice\nSandbox Insurance',
      time: '2026-03-12T09:30:00.000Z',
      historyIncluded: true,
      selfUri: `/api/v2/conversations/emails/${id}/messages/${emailMessageIds.reply}`,
    },
  ] satisfies Models.EmailMessage[];
}

export function emailConversationView(
  id: string = conversationIds.email,
  subject = 'Accident report CLM-1001',
  customer: { email: string; name: string } = customerAddress,
): Models.Conversation {
  const participant = (key: string, fields: Partial<Models.Participant>): Models.Participant => ({
    id: uuidFrom(`${id}/participant/${key}`),
    startTime: '2026-03-12T09:00:00.000Z',
    ...fields,
    emails: [
      {
        state: 'connected',
        id: uuidFrom(`${id}/communication/${key}`),
        held: false,
        subject,
        messagesSent: fields.purpose === 'agent' ? 1 : 0,
        direction: 'inbound',
        provider: 'PureCloud Email',
      },
    ],
  });
  return {
    id,
    startTime: '2026-03-12T09:00:00.000Z',
    participants: [
      participant('customer', {
        name: customer.name,
        address: customer.email,
        purpose: 'customer',
        participantType: 'External',
        attributes: {},
      }),
      participant('queue', { name: 'Motor Claims', queueId, purpose: 'acd', participantType: 'Internal' }),
      participant('agent', {
        name: 'Alice Agent',
        userId: userIds.alice,
        userUri: `/api/v2/users/${userIds.alice}`,
        queueId,
        purpose: 'agent',
        participantType: 'Internal',
        attributes: {},
      }),
    ],
    recordingState: 'none',
    state: 'connected',
    selfUri: `/api/v2/conversations/${id}`,
  } satisfies Models.Conversation;
}
