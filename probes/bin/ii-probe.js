#!/usr/bin/env node
// Thin launcher: the CLI is TypeScript, run through tsx (src/cli/probe.ts).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/probe.ts');
process.exitCode = await main(process.argv.slice(2));
