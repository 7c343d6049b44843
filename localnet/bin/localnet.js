#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm run build -w localnet`.
import('../dist/cli.js').then((m) => m.main(process.argv.slice(2)));
