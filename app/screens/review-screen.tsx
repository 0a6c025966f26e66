import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useMemo } from 'react';
import { InteractionBrowser, type InteractionBrowserProps } from '../features/review/interaction-browser.tsx';
import { ServicesProvider, useServices } from '../shared/api/services.tsx';
import { conversationReadQuery } from '../shared/attachments/conversation-read-query.ts';
import { AttachmentsScreen } from './attachments-screen.tsx';

export type ReviewScreenProps = Omit<InteractionBrowserProps, 'renderInteraction'>;

/** Review mode: the review feature's interaction browser, opening each interaction in the attachments screen. */
export function ReviewScreen(props: ReviewScreenProps) {
  return (
    <InteractionBrowser
      {...props}
      renderInteraction={(conversationId) => (
        <ReviewedInteraction conversationId={conversationId}>
          <AttachmentsScreen conversationId={conversationId} locale={props.locale} />
        </ReviewedInteraction>
      )}
    />
  );
}

/**
 * The reviewer opened this interaction on purpose, and when it cannot be read (an unknown id, a
 * missing permission) the screen itself says so in full: a desktop toast would only repeat it.
 * Other failures (the proxy's status of the files) are shown nowhere else and still reach the desktop.
 */
function ReviewedInteraction({ conversationId, children }: { conversationId: string; children: ReactNode }) {
  const services = useServices();
  const client = useQueryClient();
  const quiet = useMemo(() => {
    const { queryKey } = conversationReadQuery(services.platform, conversationId);
    const readFailed = () => client.getQueryState(queryKey)?.status === 'error';
    const host = {
      ...services.host,
      showError: (title: string, message: string) => {
        if (!readFailed()) services.host.showError(title, message);
      },
    };
    return { ...services, host };
  }, [services, client, conversationId]);
  return <ServicesProvider services={quiet}>{children}</ServicesProvider>;
}
