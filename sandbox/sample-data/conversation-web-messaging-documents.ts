// Web messaging where a customer and their broker send what browsers cannot show: Word, Excel and
// PowerPoint files, a Word 97 document, an iPhone photo in HEIC (stored sideways, turned upright by
// its metadata), a two-page fax in TIFF, a forwarded .eml, an Outlook .msg, a .zip of photos, and
// hostile ones: a .docx that is a zip bomb, a damaged HEIC, a .zip whose entry names climb out, a document with a macro bound to its opening. Each opens through a rendition (docs/renditions.md), or gets a clear refusal.
import {
  attachment,
  claimsBot,
  claimsQueueAndAgent,
  messageId,
  party,
  type SampleAttachment,
  type SampleMessagingConversation,
} from './messaging-builders.ts';
import { genesysDownloadUrl } from './reference-urls.ts';
import { attachmentFacts } from './sample-files.ts';
import { conversationIds } from './sample-ids.ts';
import type { GenesysHostedFiles, HostedFile } from './sample-storage.ts';

const id = conversationIds.webMessagingDocuments;

export function webMessagingDocumentsConversation(hosted: GenesysHostedFiles): SampleMessagingConversation {
  const customer = party(id, 'customer', {
    purpose: 'customer',
    name: 'Tomasz Kowalczyk',
    channel: { id: '5b7d9f1a-3c5e-4a7b-9d1f-2a4c6e8b0d13', idType: 'Opaque', nickname: 'Tomasz' },
    attributes: { claimNumber: 'CLM-1007' },
  });
  const bot = claimsBot(id);
  const { queue, queueRef, agent } = claimsQueueAndAgent(id);
  const attach = (key: string, h: HostedFile, mediaType: SampleAttachment['mediaType'] = 'File') =>
    attachment(id, key, {
      url: genesysDownloadUrl(h.downloadId),
      mediaType,
      file: attachmentFacts(h.file),
    });
  return {
    id,
    messengerType: 'webmessaging',
    startTime: '2026-03-13T09:00:00.000Z',
    queue: queueRef,
    parties: [customer, bot, queue, agent],
    messages: [
      {
        id: messageId(id, 'letter'),
        from: customer,
        time: '2026-03-13T09:00:00.000Z',
        text: 'The garage sent their report and the list of what was damaged at home.',
        attachments: [
          attach('claim-letter', hosted.claimLetter),
          attach('damaged-items', hosted.damagedItems),
        ],
      },
      {
        id: messageId(id, 'photo'),
        from: customer,
        time: '2026-03-13T09:01:00.000Z',
        text: 'Photo from my phone',
        attachments: [attach('iphone-photo', hosted.iphonePhoto, 'Image')],
      },
      {
        id: messageId(id, 'fax'),
        from: bot,
        time: '2026-03-13T09:02:00.000Z',
        text: 'Fax received from Northgate Brokers and attached to the claim.',
        attachments: [attach('fax', hosted.faxClaimForm)],
      },
      {
        id: messageId(id, 'broker'),
        from: customer,
        time: '2026-03-13T09:04:00.000Z',
        text: 'My broker’s renewal slides, the full assessment (Word, and as a PDF), and an old letter in Word 97',
        attachments: [
          attach('fleet-renewal', hosted.fleetRenewal),
          attach('ten-page-report', hosted.tenPageReport),
          attach('ten-page-pdf', hosted.tenPagePdf),
          attach('old-letter', hosted.oldLetter),
        ],
      },
      {
        id: messageId(id, 'emails'),
        from: customer,
        time: '2026-03-13T09:05:00.000Z',
        text: 'The garage’s email, forwarded, an Outlook message, and all the photos in a zip',
        attachments: [
          attach('forwarded-email', hosted.forwardedEmail),
          attach('outlook-message', hosted.outlookMessage),
          attach('photos-zip', hosted.photosZip),
        ],
      },
      {
        id: messageId(id, 'hostile'),
        from: customer,
        time: '2026-03-13T09:06:00.000Z',
        text: 'Two more files (one would not open on my laptop)',
        attachments: [
          attach('bomb', hosted.bombDocx),
          attach('damaged-photo', hosted.damagedHeic, 'Image'),
          attach('hostile-zip', hosted.hostileZip),
          attach('macro-document', hosted.macroDocument),
        ],
      },
    ],
  };
}
