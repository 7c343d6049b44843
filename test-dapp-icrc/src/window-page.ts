// A relying party as written today: an unmodified @icp-sdk/auth 7.1.0 (with its peer
// @icp-sdk/core 5) signs in through Internet Identity's window (ICRC-29 transport, ICRC-34
// delegation), then the canister's whoami says who the delegation makes us.
import { AuthClient } from '@icp-sdk/auth/client';
import { DelegationIdentity, Ed25519KeyIdentity } from '@icp-sdk/core/identity';
import {
  readConfig,
  readSettings,
  setState,
  showDelegation,
  showError,
  showSignedIn,
  showSignedOut,
  ui,
} from './page.js';

async function main(): Promise<void> {
  const config = readConfig();
  const settings = readSettings(config, new URL(window.location.href));
  ui.identityProvider.textContent = settings.identityProvider;
  const key = settings.exportSession ? Ed25519KeyIdentity.generate() : undefined;
  const client = new AuthClient({
    identityProvider: settings.identityProvider,
    ...(settings.derivationOrigin ? { derivationOrigin: settings.derivationOrigin } : {}),
    ...(key ? { identity: key } : {}),
    // The default idle callback reloads the page, which would disturb long tests.
    idleOptions: { disableIdle: true },
  });
  ui.login.addEventListener('click', () => {
    // A new attempt: the previous one's error no longer describes the page.
    ui.error.textContent = '';
    setState('signing-in');
    // signIn opens the window: it must run inside the click (a user gesture).
    client
      .signIn({
        ...(settings.maxTimeToLive !== undefined ? { maxTimeToLive: settings.maxTimeToLive } : {}),
        ...(settings.targets ? { targets: settings.targets } : {}),
      })
      .then(async (identity) => {
        if (identity instanceof DelegationIdentity) {
          showDelegation(identity.getDelegation());
          if (key)
            ui.session.textContent = JSON.stringify({
              key: key.toJSON(),
              chain: identity.getDelegation().toJSON(),
            });
        }
        await showSignedIn(config, identity);
      })
      .catch((e: unknown) => {
        showError('Login failed', e);
        ui.login.disabled = false;
      });
  });
  ui.logout.addEventListener('click', () => {
    void client.signOut().then(showSignedOut);
  });
  showSignedOut();
}

main().catch((e: unknown) => showError('The page could not start', e));
