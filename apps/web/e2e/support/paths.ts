import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
export const webRoot = resolve(here, '../..');
export const webDist = resolve(webRoot, 'dist');
export const sharedSrc = resolve(webRoot, '../../packages/shared/src');
export const resultsDir = resolve(webRoot, 'test-results');
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
