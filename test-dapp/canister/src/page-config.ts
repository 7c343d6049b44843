// The page's runtime config, filled into index.html by the canister at init/upgrade: the canister
// id comes from the canister serving the page (never a build constant), so one wasm works at any id.

import { scriptSafeJson } from '@ii/canister/certified-assets';

/** Marker inside `<script id="dapp-config" type="application/json">…</script>` (a data block: CSP-clean). */
export const CONFIG_PLACEHOLDER = '__DAPP_CONFIG__';
export const CONFIG_ELEMENT_ID = 'dapp-config';

export interface PageConfig {
  canisterId: string;
  /** Identity provider URL from the init arg; null = the page picks its default. */
  iiUrl: string | null;
  /** True only on development networks (localnet): the page fetches the root key. */
  fetchRootKey: boolean;
}

/** The config as JSON that is safe inside the <script> element (the II canister's escaping). */
export function configJson(config: PageConfig): string {
  return scriptSafeJson({
    canisterId: config.canisterId,
    iiUrl: config.iiUrl,
    fetchRootKey: config.fetchRootKey,
  });
}

export class TemplateError extends Error {
  override readonly name = 'TemplateError';
}

/** @throws TemplateError unless the placeholder occurs exactly once (a build mistake). */
export function fillTemplate(html: string, config: PageConfig): string {
  const parts = html.split(CONFIG_PLACEHOLDER);
  if (parts.length !== 2)
    throw new TemplateError(`expected ${CONFIG_PLACEHOLDER} once, found ${parts.length - 1}`);
  return parts[0] + configJson(config) + parts[1];
}
