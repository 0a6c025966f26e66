import { useMemo } from 'react';
import { InteractionBrowser, type InteractionBrowserProps } from '../features/review/interaction-browser.tsx';
import { ServicesProvider, useServices } from '../shared/api/services.tsx';
import { AttachmentsScreen } from './attachments-screen.tsx';

export type ReviewScreenProps = Omit<InteractionBrowserProps, 'renderInteraction'>;

/** Review mode: the review feature's interaction browser, opening each interaction in the attachments screen. */
export function ReviewScreen(props: ReviewScreenProps) {
  const services = useServices();
  // The reviewer opened this interaction on purpose and the screen itself says what went wrong
  // with it (an unknown id, a missing permission): a desktop toast would only repeat it.
  const quiet = useMemo(
    () => ({ ...services, host: { ...services.host, showError: () => undefined } }),
    [services],
  );
  return (
    <InteractionBrowser
      {...props}
      renderInteraction={(conversationId) => (
        <ServicesProvider services={quiet}>
          <AttachmentsScreen conversationId={conversationId} locale={props.locale} />
        </ServicesProvider>
      )}
    />
  );
}
