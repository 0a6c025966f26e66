// The English strings added to the preview feature, kept in one object so they move into the
// message catalogue mechanically once it exists.
export const previewMessages = {
  notRetrievable:
    'Genesys Cloud names this attachment but gives no way to fetch it (the email carries no link to its content). It is listed so that nothing the customer sent goes unseen; open the original email in Genesys Cloud to see it.',
} as const;
