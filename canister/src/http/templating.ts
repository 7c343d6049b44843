// Fills the page config into HTML at init. The canister id (and the API host, if not the page's
// own origin) reach the page from the canister that serves it, never from a build-time constant
// (incident of 2022-01-31: a page must work from any canister the same wasm is installed in).

/**
 * The marker in HTML assets, inside a non-executable JSON data block:
 * `<script id="ii-config" type="application/json">__II_CONFIG__</script>` — CSP-clean, since a
 * data block is never run.
 */
export const CONFIG_PLACEHOLDER = '__II_CONFIG__';

export interface PageConfig {
  canisterId: string;
  /**
   * Origin of the IC API. Null: the page calls `/api` on its own origin, which boundary nodes
   * and localnet serve on every hostname, so the CSP needs only 'self'.
   */
  apiHost: string | null;
  /**
   * True only on development deployments (init `fetch_root_key`): the page then asks the network
   * for its root key; otherwise it trusts the mainnet root key it was built with.
   */
  fetchRootKey: boolean;
  /**
   * Test flavor only (absent in production pages): whether registration asks for a captcha, so
   * the test page can register without a click when it does not (as the official test build).
   */
  captcha?: boolean;
}

export type TemplateResult = { ok: true; html: string } | { ok: false; error: string };

/**
 * JSON that is safe inside a <script> element: no `<`, `>` or `&` can close or confuse it, and the
 * two line separators JavaScript once treated as newlines are escaped too.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function configJson(config: PageConfig): string {
  return scriptSafeJson({
    canisterId: config.canisterId,
    apiHost: config.apiHost,
    fetchRootKey: config.fetchRootKey,
    ...(config.captcha === undefined ? {} : { captcha: config.captcha }),
  });
}

export function fillTemplate(html: string, config: PageConfig): TemplateResult {
  const first = html.indexOf(CONFIG_PLACEHOLDER);
  if (first < 0) return { ok: false, error: 'config placeholder missing' };
  if (html.indexOf(CONFIG_PLACEHOLDER, first + 1) >= 0)
    return { ok: false, error: 'config placeholder appears more than once' };
  const json = configJson(config);
  return {
    ok: true,
    html: html.slice(0, first) + json + html.slice(first + CONFIG_PLACEHOLDER.length),
  };
}
