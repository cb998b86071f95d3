import { main } from '../cli/index.js';

// The CLI from source, for tests that need a real process (to kill it, say):
// node --import tsx src/test-support/cli-main.ts <command> …
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`claimtrail: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
