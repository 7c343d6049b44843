import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isLateBrowserEvent } from './browser.js';

const BROWSER_TS = fileURLToPath(new URL('./browser.ts', import.meta.url));
const LATE = 'Object with guid response@3f2a was not bound in the connection';

/** A process with the guard that throws `message` outside any await, then says whether it lived. */
function run(message: string) {
  const script = `
    const { surviveLateBrowserEvents } = await import(${JSON.stringify(BROWSER_TS)});
    surviveLateBrowserEvents(
      (e) => console.log('ignored: ' + e.message),
      (e) => { console.log('fatal: ' + e.message); process.exit(1); },
    );
    setImmediate(() => { throw new Error(${JSON.stringify(message)}); });
    setTimeout(() => console.log('alive'), 50);
  `;
  return spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
  });
}

describe('late browser events', () => {
  it('are told apart from other errors', () => {
    expect(isLateBrowserEvent(new Error(LATE))).toBe(true);
    expect(isLateBrowserEvent(new Error('page.goto: net::ERR_CONNECTION_REFUSED'))).toBe(false);
    expect(isLateBrowserEvent(LATE)).toBe(false);
  });

  it('do not end a guarded process; any other uncaught error still does', () => {
    const late = run(LATE);
    expect(late.stdout).toBe(`ignored: ${LATE}\nalive\n`);
    expect(late.status).toBe(0);
    const other = run('boom');
    expect(other.stdout).toBe('fatal: boom\n');
    expect(other.status).toBe(1);
  });
});
