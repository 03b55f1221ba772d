// Entry point for `npx ksd` (loaded by bin/ksd.mjs through tsx).
import { runCli } from './main.ts';
import { nodeIo } from './node-io.ts';

const code = runCli(process.argv.slice(2), nodeIo);
// Let stdout drain before exiting (large JSON outputs to a pipe).
process.stdout.write('', () => process.exit(code));
