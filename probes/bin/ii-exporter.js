#!/usr/bin/env node
// Thin launcher: the exporter is TypeScript, run through tsx (src/cli/exporter.ts).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/exporter.ts');
// Exit once main is done: idle keep-alive sockets of the agents must not hold a stopped server.
process.exit(await main(process.argv.slice(2)));
