// Regenerates sandbox/sample-org from the typed sources in sandbox/sample-data (npm run samples).
// Deterministic: run it twice and git sees no change.
import path from 'node:path';
import { writeSampleOrg } from '../sandbox/sample-data/write-sample-org.ts';

const outDir = path.resolve(import.meta.dirname, '..', 'sandbox', 'sample-org');
writeSampleOrg(outDir);
console.info(`sample org written to ${path.relative(process.cwd(), outDir) || '.'}`);
