// Preview messages shared by the pane and what stands in for it while its code loads (docs/i18n.md).
import { defineMessages, type NoMessageValues } from '../../shared/i18n/messages.ts';

export const previewMessages = defineMessages<{
  notRetrievable: NoMessageValues;
  loadingViewer: NoMessageValues;
}>({
  // Gained in issue 14.
  notRetrievable: {
    id: 'preview.unretrievable.note',
    defaultMessage:
      'Genesys Cloud names this attachment but gives no way to fetch it (the email carries no link to its content). It is listed so that nothing the customer sent goes unseen; open the original email in Genesys Cloud to see it.',
  },
  loadingViewer: { id: 'preview.pane.loadingViewer', defaultMessage: 'Loading viewer…' },
});
