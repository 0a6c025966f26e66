// The Platform SDK's Node build, for tests that drive the sandbox with it. require() resolves the
// package's "main" (dist/node) whatever Vite would pick for the bare specifier (its `module` field,
// the ES module sources the widget imports, whose Node branches call a require() ES modules lack).
import { createRequire } from 'node:module';
import type PlatformClient from 'purecloud-platform-client-v2';

const require = createRequire(import.meta.url);

export const platformClient = require('purecloud-platform-client-v2') as typeof PlatformClient;
