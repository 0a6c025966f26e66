// What the features need from the outside world, provided once at the top so components stay
// testable: tests pass fakes, main.ts passes the real SDK and proxy client.
import { createContext, type ReactNode, useContext } from 'react';
import type { PlatformReads } from '../../../core/conversation-reader.ts';
import type { ConversationNotifications } from '../genesys/conversation-notifications.ts';
import type { DesktopHost } from '../host/desktop-host.ts';
import type { ProxyClient } from './proxy-client.ts';

export interface Services {
  proxy: ProxyClient;
  platform: PlatformReads;
  host: DesktopHost;
  /** Called when the proxy says the session expired. */
  onSessionExpired: () => void;
  /** Pushed conversation changes, where the Notifications API is available. */
  notifications?: ConversationNotifications;
  /**
   * What the admin allows the viewers (widget-config); absent means the defaults: no printing,
   * downloads allowed (`downloads` absent is allowed too).
   */
  viewerSettings?: { pdfPrint: boolean; downloads?: boolean };
}

const ServicesContext = createContext<Services | undefined>(undefined);

export function ServicesProvider({ services, children }: { services: Services; children: ReactNode }) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices outside ServicesProvider');
  return services;
}
