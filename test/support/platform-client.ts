// The Platform SDK's Node build, for tests that drive the sandbox with it. vite.config.ts aliases the
// bare specifier to the browser bundle for every Vitest project, and that bundle's PKCE helpers need
// `window`; require() resolves the package's "main" (dist/node) and is not subject to the alias.
import { createRequire } from 'node:module';
import type PlatformClient from 'purecloud-platform-client-v2';

const require = createRequire(import.meta.url);

export const platformClient = require('purecloud-platform-client-v2') as typeof PlatformClient;
