/**
 * One Chromium for a probe process, a fresh context per run. The target's `resolve` rules map its
 * hostnames (curl style, HOST:ADDRESS:PORT) and its `ca` is trusted the way a machine trusts a CA;
 * other hosts resolve normally, so the same code probes mainnet. A crashed browser is replaced on
 * the next run.
 */
import { readFileSync } from 'node:fs';
import { type E2eBrowser, type HostMapping, launchChromium, resolverFlag } from '@ii/frontend/e2e';
import type { Browser } from 'playwright-core';
import type { Target } from './config.js';
import { ProbeError } from './errors.js';

export function hostMappings(rules: readonly string[]): HostMapping[] {
  return rules.map((rule) => {
    const [host, address, port] = rule.split(':');
    return { host: host!, address: `${address}:${port}` };
  });
}

/** The browser settings a target needs; targets that differ need separate browsers. */
export function browserKey(t: Target): string {
  return JSON.stringify([t.resolve, t.ca ?? null]);
}

export class BrowserPool {
  private readonly browsers = new Map<string, Promise<E2eBrowser>>();

  /** The browser for `target`, launched on first use and again after a crash. */
  async browserFor(target: Target): Promise<Browser> {
    const key = browserKey(target);
    let entry = this.browsers.get(key);
    if (entry) {
      const b = await entry.catch(() => undefined);
      if (!b || !b.browser.isConnected()) {
        this.browsers.delete(key);
        entry = undefined;
      }
    }
    if (!entry) {
      entry = this.launch(target);
      this.browsers.set(key, entry);
      entry.catch(() => this.browsers.delete(key));
    }
    return (await entry).browser;
  }

  private async launch(t: Target): Promise<E2eBrowser> {
    let caPem: string | undefined;
    if (t.ca) {
      try {
        caPem = readFileSync(t.ca, 'utf8');
      } catch (e) {
        throw new ProbeError(
          'II_ERR_PROBE_CONFIG',
          `cannot read the CA ${t.ca}: ${(e as Error).message}`,
        );
      }
    }
    return launchChromium({
      resolverRules: resolverFlag(hostMappings(t.resolve), 'resolve'),
      caPem,
    });
  }

  /** Whether every browser launched so far is up (for /readyz). */
  async healthy(): Promise<boolean> {
    for (const entry of this.browsers.values()) {
      const b = await entry.catch(() => undefined);
      if (!b || !b.browser.isConnected()) return false;
    }
    return true;
  }

  /** Open browser contexts, all browsers together (benchmarks: 0 between runs). */
  async openContexts(): Promise<number> {
    let n = 0;
    for (const entry of this.browsers.values()) {
      const b = await entry.catch(() => undefined);
      if (b?.browser.isConnected()) n += b.browser.contexts().length;
    }
    return n;
  }

  async close(): Promise<void> {
    const all = [...this.browsers.values()];
    this.browsers.clear();
    for (const entry of all) await (await entry.catch(() => undefined))?.close();
  }
}

/**
 * Playwright can deliver a network event for a context a finished run has just closed, and then
 * throws from its own dispatcher ("… was not bound in the connection"), outside any await of ours:
 * nothing a probe checks has failed.
 */
export function isLateBrowserEvent(e: unknown): boolean {
  return e instanceof Error && /was not bound in the connection/.test(e.message);
}

/**
 * For processes that run probes in-process (the exporter, ii-deploy): a late browser event is
 * reported to `ignored` and the process goes on; any other uncaught exception goes to `fatal`,
 * which must end the process. Installed once per process: later calls change nothing.
 */
export function surviveLateBrowserEvents(
  ignored: (e: Error) => void,
  fatal: (e: Error) => never,
): void {
  if (guarded) return;
  guarded = true;
  process.on('uncaughtException', (e) => (isLateBrowserEvent(e) ? ignored(e) : fatal(e)));
}
let guarded = false;
