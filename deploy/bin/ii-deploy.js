#!/usr/bin/env node
// Thin launcher: the CLI is TypeScript, run through tsx (src/cli.ts).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
process.exit(await main(process.argv.slice(2)));
