import type { WidgetContext } from '../../../app/shared/context/widget-context.ts';

/** An agent's widget in the EU (Ireland) region, as Agent Workspace opens it for an interaction. */
export const irelandContext: WidgetContext = {
  hostOrigin: 'https://apps.mypurecloud.ie',
  targetEnv: 'prod-euw1',
  tld: 'mypurecloud.ie',
  langTag: 'en-us',
  usePopupAuth: false,
  mode: 'interaction',
};
