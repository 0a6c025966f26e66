import { InteractionBrowser, type InteractionBrowserProps } from '../features/review/interaction-browser.tsx';
import { AttachmentsScreen } from './attachments-screen.tsx';

export type ReviewScreenProps = Omit<InteractionBrowserProps, 'renderInteraction'>;

/** Review mode: the review feature's interaction browser, opening each interaction in the attachments screen. */
export function ReviewScreen(props: ReviewScreenProps) {
  return (
    <InteractionBrowser
      {...props}
      renderInteraction={(conversationId) => (
        <AttachmentsScreen conversationId={conversationId} locale={props.locale} />
      )}
    />
  );
}
