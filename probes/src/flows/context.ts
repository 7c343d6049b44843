/**
 * What a flow gets: its target and hostname, timed steps, the probe's credentials (when enrolled),
 * and browser pages with guards, with a Playwright trace kept only when the run fails.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Guards, type Problem } from '@ii/frontend/e2e';
import type { BrowserContext, Page } from 'playwright-core';
import type { BrowserPool } from '../browser.js';
import type { Target } from '../config.js';
import type { ProbeCredentials } from '../credentials.js';
import { ProbeFailure, type Reason, type Steps } from '../result.js';

export interface FlowContext {
  target: Target;
  hostname: string;
  steps: Steps;
  credentials?: ProbeCredentials;
  browsers: BrowserPool;
  /** Where this run's artifacts go if it fails. */
  artifactsDir: string;
  /** Files kept for this run (filled on failure). */
  artifacts: string[];
  /** Milliseconds one browser action or navigation may take. */
  actionTimeoutMs: number;
}

export function fail(reason: Reason, message: string): never {
  throw new ProbeFailure(reason, message);
}

const PROBLEM_REASON: Record<Problem['kind'], Reason> = {
  csp: 'csp',
  console: 'console_error',
  pageerror: 'console_error',
  requestfailed: 'request_failed',
};

/** Throws the first problem the browser reported (CSP first: it explains the others). */
export function checkGuards(guards: Guards): void {
  const failures = guards.failures();
  const first = failures.find((p) => p.kind === 'csp') ?? failures[0];
  if (first) fail(PROBLEM_REASON[first.kind], `${first.detail} (page: ${first.url})`);
}

/** A navigation or action error as a reason: TLS, network, timeout, or an assertion. */
export function reasonOf(error: unknown): Reason {
  if (error instanceof ProbeFailure) return error.reason;
  const message = error instanceof Error ? error.message : String(error);
  if (/net::ERR_(CERT|SSL)|certificate/i.test(message)) return 'tls';
  if (
    /net::ERR_(NAME_NOT_RESOLVED|CONNECTION|ADDRESS|INTERNET|TIMED_OUT|EMPTY_RESPONSE)/.test(
      message,
    )
  )
    return 'network';
  if ((error as Error)?.name === 'TimeoutError' || /Timeout \d+ms exceeded/.test(message))
    return 'timeout';
  return 'assertion';
}

/**
 * Runs `fn` in a fresh browser context with guards installed and tracing on; on failure keeps the
 * trace, a screenshot of every page and the console log, then closes the context either way.
 */
export async function withBrowser<T>(
  ctx: FlowContext,
  fn: (context: BrowserContext, page: Page, guards: Guards) => Promise<T>,
): Promise<T> {
  const browser = await ctx.browsers.browserFor(ctx.target);
  const context = await browser.newContext();
  context.setDefaultTimeout(ctx.actionTimeoutMs);
  context.setDefaultNavigationTimeout(ctx.actionTimeoutMs);
  const console: string[] = [];
  context.on('page', (p) =>
    p.on('console', (m) => console.push(`[${m.type()}] ${p.url()}: ${m.text()}`)),
  );
  try {
    await context.tracing.start({ screenshots: true, snapshots: true });
    const guards = await Guards.install(context);
    const page = await context.newPage();
    const result = await fn(context, page, guards);
    await context.tracing.stop();
    return result;
  } catch (error) {
    await keepArtifacts(ctx, context, console).catch(() => undefined);
    throw error;
  } finally {
    await context.close().catch(() => undefined);
  }
}

async function keepArtifacts(
  ctx: FlowContext,
  context: BrowserContext,
  console: string[],
): Promise<void> {
  mkdirSync(ctx.artifactsDir, { recursive: true });
  const trace = join(ctx.artifactsDir, 'trace.zip');
  await context.tracing.stop({ path: trace });
  ctx.artifacts.push(trace);
  let i = 0;
  for (const page of context.pages()) {
    if (page.isClosed()) continue;
    const shot = join(ctx.artifactsDir, `page-${i++}.png`);
    await page.screenshot({ path: shot, timeout: 5_000 }).catch(() => undefined);
    ctx.artifacts.push(shot);
  }
  const log = join(ctx.artifactsDir, 'console.log');
  writeFileSync(log, console.join('\n'));
  ctx.artifacts.push(log);
}
