#!/usr/bin/env node
// `npx ksd` from a source checkout: run the TypeScript CLI through tsx (no build step).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/bin.ts');
