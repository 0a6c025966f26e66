// One import for every component's strings: the ICU message tools of react-intl (docs/i18n.md).
// A message with arguments declares their types, so a missing or misspelt value fails the type check:
//   defineMessages<{ count: { n: number }; title: NoMessageValues }>({ count: {...}, title: {...} })
export {
  defineMessages,
  FormattedMessage,
  type MessageDescriptor,
  type NoMessageValues,
  useIntl,
} from 'react-intl';
