// "Add a passkey on this device": a new passkey (👆) added directly, signed by the session.
import { Show } from 'solid-js';
import { Alert } from '../../components/Alert.js';
import { createPasskey } from '../../lib/webauthn/index.js';
import type { Auth } from '../../stores/auth.js';
import { defaultAlias, deviceData } from '../../stores/devices.js';
import { type AlertSlot, createTask } from '../../stores/task.js';
import { canRetry } from '../../lib/errors.js';
import copy from './copy.json';

export function AddPasskeyButton(props: {
  auth: Auth;
  alerts: AlertSlot;
  onAdded: () => void;
  /** What helps when this browser already holds a passkey of the anchor: another device. */
  onAddRemote: () => void;
}) {
  const task = createTask(props.alerts);
  const add = () =>
    task.run(async () => {
      const s = props.auth.session();
      if (!s) return;
      const creds = await s.connection.lookupCredentials(s.anchor);
      const passkey = await createPasskey({
        excludeCredentialIds: [...creds.credentials, ...creds.recovery_credentials].map(
          (c) => c.credential_id,
        ),
      });
      await s.connection.add(
        s.anchor,
        deviceData({
          alias: defaultAlias(navigator.userAgent),
          pubkey: passkey.publicKeyDer,
          credentialId: passkey.credentialId,
          purpose: 'authentication',
          keyType: passkey.keyType === 'cross_platform' ? 'cross_platform' : 'platform',
          origin: window.location.origin,
        }),
      );
      props.onAdded();
    });
  return (
    <>
      <button
        type="button"
        data-testid="add-passkey"
        disabled={task.busy()}
        onClick={() => void add()}
      >
        {copy.actions.addPasskey}
      </button>
      <Show when={task.error()}>
        {(e) =>
          e().code === 'passkey_already_registered' ? (
            // Trying again would hit the same passkey: offer the way that adds another device.
            <Alert
              message={copy.passkeyExists}
              actionLabel={copy.actions.addRemote}
              onAction={props.onAddRemote}
              testid="add-passkey-alert"
            />
          ) : (
            <Alert
              message={e().message}
              actionLabel={canRetry(e()) ? copy.retry : undefined}
              onAction={() => void add()}
              testid="add-passkey-alert"
            />
          )
        }
      </Show>
    </>
  );
}
