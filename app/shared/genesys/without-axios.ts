// Stands in for axios in the widget's build (vite.config.ts): the SDK's DefaultHttpClient imports it,
// but the widget gives the SDK its own client (fetch-http-client.ts) before any call, so the default
// one is never made. Reaching this means a client was made without it: a bug, said plainly.
export default {
  create(): never {
    throw new Error('the Platform SDK was used without the widget’s HTTP client (platformApiClient())');
  },
};
