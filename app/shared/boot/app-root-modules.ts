// React and the list's chunks (app-root.tsx and what it imports) are named by the build in a
// `<meta>` of the page (scripts/build/preload-app-root.ts) and preloaded by the entry only on the
// page that stays: back from the sign-in with ?code= (app/main.ts; docs/performance.md, "Time to
// the list"). Free of the DOM: the build imports it too.

export const APP_ROOT_MODULES_META = 'app-root-modules';
