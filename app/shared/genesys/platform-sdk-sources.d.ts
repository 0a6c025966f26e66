// Types for the Platform SDK's ES module sources, which ship no declarations of their own: each deep
// path gets the type its class has in the SDK's index.d.ts, the one authority on the SDK's types, so
// an SDK upgrade that changes a call breaks the type check. Only the files platform-sdk.ts imports.

declare module 'purecloud-platform-client-v2/src/purecloud-platform-client-v2/ApiClient.js' {
  import type { ApiClientClass } from 'purecloud-platform-client-v2';

  /** The first `new ApiClient()` becomes the static `instance` every API class defaults to (ApiClient.js). */
  const ApiClient: { new (): ApiClientClass; readonly instance: ApiClientClass | undefined };
  export default ApiClient;
}

declare module 'purecloud-platform-client-v2/src/purecloud-platform-client-v2/api/AnalyticsApi.js' {
  import { AnalyticsApi } from 'purecloud-platform-client-v2';
  export default AnalyticsApi;
}

declare module 'purecloud-platform-client-v2/src/purecloud-platform-client-v2/api/ConversationsApi.js' {
  import { ConversationsApi } from 'purecloud-platform-client-v2';
  export default ConversationsApi;
}

declare module 'purecloud-platform-client-v2/src/purecloud-platform-client-v2/api/NotificationsApi.js' {
  import { NotificationsApi } from 'purecloud-platform-client-v2';
  export default NotificationsApi;
}

declare module 'purecloud-platform-client-v2/src/purecloud-platform-client-v2/api/RecordingApi.js' {
  import { RecordingApi } from 'purecloud-platform-client-v2';
  export default RecordingApi;
}

declare module 'purecloud-platform-client-v2/src/purecloud-platform-client-v2/api/UsersApi.js' {
  import { UsersApi } from 'purecloud-platform-client-v2';
  export default UsersApi;
}

declare module 'purecloud-platform-client-v2/src/purecloud-platform-client-v2/AbstractHttpClient.js' {
  /** The base class `ApiClient.setHttpClient` checks with instanceof (AbstractHttpClient.js). */
  export default abstract class AbstractHttpClient {
    timeout: number;
    preHook?: (config: unknown) => unknown;
    postHook?: (response: unknown) => unknown;
    abstract request(options: unknown): Promise<unknown>;
    abstract enableHooks(): void;
  }
}
