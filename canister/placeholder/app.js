/* global document, window, fetch */
// Placeholder frontend: shows the canister id the page was served with (injected by the
// canister into #ii-config, never baked in at build time) and proves the IC API host answers.

/** @returns {{ canisterId: string, apiHost: string | null }} */
function readConfig() {
  const el = document.getElementById('ii-config');
  if (!el) throw new Error('missing #ii-config');
  const config = JSON.parse(el.textContent ?? '');
  if (typeof config.canisterId !== 'string') throw new Error('config: canisterId missing');
  if (config.apiHost !== null && typeof config.apiHost !== 'string')
    throw new Error('config: apiHost must be a string or null');
  return config;
}

/** @param {string} id @param {string} text @param {string} [state] */
function show(id, text, state) {
  const el = document.getElementById(id);
  if (!el) return;
  el.textContent = text;
  if (state) el.dataset.state = state;
}

async function main() {
  let config;
  try {
    config = readConfig();
  } catch (e) {
    show('canister-id', `bad config: ${e instanceof Error ? e.message : String(e)}`, 'error');
    return;
  }
  // null: the IC API is served on this page's own origin (connect-src 'self').
  const apiHost = config.apiHost ?? window.location.origin;
  show('canister-id', config.canisterId);
  show('api-host', apiHost);
  try {
    const res = await fetch(new URL('/api/v2/status', apiHost), {
      headers: { Accept: 'application/cbor' },
      credentials: 'omit',
    });
    const bytes = (await res.arrayBuffer()).byteLength;
    show(
      'api-status',
      res.ok ? `reachable (HTTP ${res.status}, ${bytes} bytes)` : `HTTP ${res.status}`,
      res.ok ? 'ok' : 'error',
    );
  } catch (e) {
    show('api-status', `unreachable: ${e instanceof Error ? e.message : String(e)}`, 'error');
  }
}

void main();
