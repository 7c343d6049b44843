#!/usr/bin/env node
// Thin launcher: the exporter is TypeScript, run through tsx (src/cli/exporter.ts).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/exporter.ts');
process.exitCode = await main(process.argv.slice(2));
