// Preview messages shared by the pane and what stands in for it while its code loads (docs/i18n.md).
import { defineMessages, type NoMessageValues } from '../../shared/i18n/messages.ts';

export const previewMessages = defineMessages<{
  notRetrievable: NoMessageValues;
  loadingViewer: NoMessageValues;
  notOpened: { flag: string };
}>({
  // Gained in issue 14.
  notRetrievable: {
    id: 'preview.unretrievable.note',
    defaultMessage:
      'Genesys Cloud names this attachment but gives no way to fetch it (the email carries no link to its content). It is listed so that nothing the customer sent goes unseen; open the original email in Genesys Cloud to see it.',
  },
  loadingViewer: { id: 'preview.pane.loadingViewer', defaultMessage: 'Loading viewer…' },
  notOpened: {
    id: 'preview.part.notOpened',
    description: 'Beside a file inside an email or archive that the viewer will not open, saying why',
    defaultMessage:
      '{flag, select, executable {Programs do not open.} archive {Archives inside do not open.} unsafeName {Names that leave their folder do not open.} encrypted {Encrypted files do not open.} other {Does not open.}}',
  },
});
