/**
 * What fails a test even when every assertion passed: a CSP violation, a failed request, a console
 * error or an uncaught exception, in any page or popup of the context. CSP violations reach neither
 * `requestfailed` nor necessarily the console, so a `securitypolicyviolation` listener is injected
 * into every document (popups included) and reports through a binding.
 */
import type { BrowserContext, Page } from 'playwright-core';

export interface Problem {
  kind: 'csp' | 'requestfailed' | 'console' | 'pageerror';
  url: string;
  detail: string;
  /** Set for failed requests: closing a page (II's authorize window closes itself) aborts its requests. */
  page?: Page;
}

const BINDING = '__e2eReportCspViolation';

const LISTENER = `(() => {
  document.addEventListener('securitypolicyviolation', (e) => {
    window.${BINDING}({
      directive: e.effectiveDirective || e.violatedDirective,
      blocked: e.blockedURI,
      source: e.sourceFile + ':' + e.lineNumber,
      policy: e.originalPolicy,
    });
  });
})();`;

export class Guards {
  readonly problems: Problem[] = [];
  private readonly cspWaiters: ((p: Problem) => void)[] = [];

  static async install(context: BrowserContext): Promise<Guards> {
    const g = new Guards();
    await context.exposeBinding(BINDING, ({ page }, v: Record<string, string>) => {
      const problem: Problem = {
        kind: 'csp',
        url: page?.url() ?? '',
        detail: `violates ${v.directive}: blocked ${v.blocked} (${v.source}); policy: ${v.policy}`,
      };
      g.problems.push(problem);
      for (const wake of g.cspWaiters.splice(0)) wake(problem);
    });
    await context.addInitScript({ content: LISTENER });
    context.on('page', (page) => g.watch(page));
    for (const page of context.pages()) g.watch(page);
    return g;
  }

  /** Resolves at the first CSP violation: a probe stops there instead of running into a timeout. */
  firstCspViolation(): Promise<Problem> {
    const seen = this.problems.find((p) => p.kind === 'csp');
    return seen ? Promise.resolve(seen) : new Promise((r) => this.cspWaiters.push(r));
  }

  private watch(page: Page): void {
    page.on('console', (m) => {
      if (m.type() === 'error')
        this.problems.push({ kind: 'console', url: page.url(), detail: m.text() });
    });
    page.on('pageerror', (e) =>
      this.problems.push({ kind: 'pageerror', url: page.url(), detail: e.stack ?? e.message }),
    );
    page.on('requestfailed', (r) =>
      this.problems.push({
        kind: 'requestfailed',
        url: r.url(),
        detail: `${r.method()} ${r.url()}: ${r.failure()?.errorText ?? 'failed'}`,
        page,
      }),
    );
  }

  /**
   * The problems that fail the test. Tolerated: a request aborted because its page closed (the
   * authorize window closes itself once the dapp has its delegation), and the favicon fetch that
   * Chromium cancels when the page navigates or reloads before it finished (logout reloads).
   */
  failures(): Problem[] {
    return this.problems.filter((p) => {
      if (p.kind !== 'requestfailed' || !p.detail.endsWith('net::ERR_ABORTED')) return true;
      if (p.page?.isClosed()) return false;
      return !new URL(p.url).pathname.endsWith('/favicon.svg');
    });
  }

  /** Throws listing every failure (call at the end of a test). */
  check(): void {
    const failures = this.failures();
    if (failures.length === 0) return;
    const lines = failures.map((p) => `  [${p.kind}] ${p.detail}  (page: ${p.url})`);
    throw new Error(`the browser reported ${failures.length} problem(s):\n${lines.join('\n')}`);
  }
}
