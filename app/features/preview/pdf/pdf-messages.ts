// Every word the PDF viewer shows or speaks (docs/i18n.md). One file for the viewer's parts, so
// translators see them together and the strings load with the PDF chunk only.
import { defineMessages, type NoMessageValues } from '../../../shared/i18n/messages.ts';

export const pdfMessages = defineMessages<{
  loading: NoMessageValues;
  region: { name: string };
  toolbar: NoMessageValues;
  previousPage: NoMessageValues;
  nextPage: NoMessageValues;
  pageNumber: NoMessageValues;
  pageCount: { count: number };
  pageLabel: { page: number; count: number };
  pageRole: NoMessageValues;
  zoomIn: NoMessageValues;
  zoomOut: NoMessageValues;
  zoomPercent: { percent: number };
  moreControls: NoMessageValues;
  fitWidth: NoMessageValues;
  fitPage: NoMessageValues;
  actualSize: NoMessageValues;
  rotate: NoMessageValues;
  print: NoMessageValues;
  printing: { done: number; total: number };
  search: NoMessageValues;
  searchField: NoMessageValues;
  searchPrevious: NoMessageValues;
  searchNext: NoMessageValues;
  searchClose: NoMessageValues;
  searchCount: { current: number; total: number };
  searchCountPending: { total: number };
  searchNone: NoMessageValues;
  searchReading: { read: number; count: number };
  sidebar: NoMessageValues;
  thumbnails: NoMessageValues;
  thumbnail: { page: number };
  outline: NoMessageValues;
  passwordTitle: NoMessageValues;
  passwordNeeded: NoMessageValues;
  passwordWrong: NoMessageValues;
  passwordField: NoMessageValues;
  passwordOpen: NoMessageValues;
  passwordCancel: NoMessageValues;
  linkTitle: NoMessageValues;
  linkAsk: NoMessageValues;
  linkOpen: NoMessageValues;
  linkCancel: NoMessageValues;
  linkToPage: { page: number };
}>({
  loading: { id: 'preview.pdf.loading', defaultMessage: 'Loading PDF' },
  region: { id: 'preview.pdf.region', defaultMessage: 'PDF {name}' },
  toolbar: { id: 'preview.pdf.toolbar', defaultMessage: 'PDF controls' },
  previousPage: { id: 'preview.pdf.previousPage', defaultMessage: 'Previous page' },
  nextPage: { id: 'preview.pdf.nextPage', defaultMessage: 'Next page' },
  pageNumber: { id: 'preview.pdf.pageNumber', defaultMessage: 'Page number' },
  pageCount: { id: 'preview.pdf.pageCount', defaultMessage: '/ {count, number}' },
  pageLabel: { id: 'preview.pdf.pageLabel', defaultMessage: 'Page {page, number} of {count, number}' },
  pageRole: {
    id: 'preview.pdf.pageRole',
    defaultMessage: 'page',
    description: 'aria-roledescription of one page of the document',
  },
  zoomIn: { id: 'preview.pdf.zoomIn', defaultMessage: 'Zoom in' },
  zoomOut: { id: 'preview.pdf.zoomOut', defaultMessage: 'Zoom out' },
  zoomPercent: { id: 'preview.pdf.zoomPercent', defaultMessage: '{percent, number}%' },
  moreControls: { id: 'preview.pdf.moreControls', defaultMessage: 'More PDF controls' },
  fitWidth: { id: 'preview.pdf.fitWidth', defaultMessage: 'Fit width' },
  fitPage: { id: 'preview.pdf.fitPage', defaultMessage: 'Fit page' },
  actualSize: { id: 'preview.pdf.actualSize', defaultMessage: 'Actual size' },
  rotate: { id: 'preview.pdf.rotate', defaultMessage: 'Rotate clockwise' },
  print: { id: 'preview.pdf.print', defaultMessage: 'Print' },
  printing: {
    id: 'preview.pdf.printing',
    defaultMessage: 'Preparing pages for printing… {done, number} of {total, number}',
  },
  search: { id: 'preview.pdf.search', defaultMessage: 'Find in document' },
  searchField: { id: 'preview.pdf.searchField', defaultMessage: 'Find' },
  searchPrevious: { id: 'preview.pdf.searchPrevious', defaultMessage: 'Previous match' },
  searchNext: { id: 'preview.pdf.searchNext', defaultMessage: 'Next match' },
  searchClose: { id: 'preview.pdf.searchClose', defaultMessage: 'Close find' },
  searchCount: { id: 'preview.pdf.searchCount', defaultMessage: '{current, number} of {total, number}' },
  searchCountPending: {
    id: 'preview.pdf.searchCountPending',
    defaultMessage: '{total, plural, one {# match so far} other {# matches so far}}',
  },
  searchNone: { id: 'preview.pdf.searchNone', defaultMessage: 'No matches' },
  searchReading: {
    id: 'preview.pdf.searchReading',
    defaultMessage: 'Reading page {read, number} of {count, number}',
  },
  sidebar: { id: 'preview.pdf.sidebar', defaultMessage: 'Pages and outline' },
  thumbnails: { id: 'preview.pdf.thumbnails', defaultMessage: 'Pages' },
  thumbnail: { id: 'preview.pdf.thumbnail', defaultMessage: 'Go to page {page, number}' },
  outline: { id: 'preview.pdf.outline', defaultMessage: 'Outline' },
  passwordTitle: { id: 'preview.pdf.passwordTitle', defaultMessage: 'This PDF is protected' },
  passwordNeeded: {
    id: 'preview.pdf.passwordNeeded',
    defaultMessage:
      'Enter the password to open it. The password stays in this panel and is not sent anywhere.',
  },
  passwordWrong: {
    id: 'preview.pdf.passwordWrong',
    defaultMessage: 'That password is not right. Try again.',
  },
  passwordField: { id: 'preview.pdf.passwordField', defaultMessage: 'Password' },
  passwordOpen: { id: 'preview.pdf.passwordOpen', defaultMessage: 'Open' },
  passwordCancel: { id: 'preview.pdf.passwordCancel', defaultMessage: 'Cancel' },
  linkTitle: { id: 'preview.pdf.linkTitle', defaultMessage: 'Open a link from this PDF?' },
  linkAsk: {
    id: 'preview.pdf.linkAsk',
    defaultMessage: 'The document links to the address below. Open it only if you trust it.',
  },
  linkOpen: { id: 'preview.pdf.linkOpen', defaultMessage: 'Open in a new tab' },
  linkCancel: { id: 'preview.pdf.linkCancel', defaultMessage: 'Cancel' },
  linkToPage: { id: 'preview.pdf.linkToPage', defaultMessage: 'Go to page {page, number}' },
});
