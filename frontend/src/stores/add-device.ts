// "Login via new device" (the new browser's side): anchor → passkey (👆) → add_tentative_device →
// show the code → poll lookup until the passkey is on the anchor → log in with it (👆).
import { createSignal, onCleanup } from 'solid-js';
import { FrontendError } from '../lib/errors.js';
import { bytesEqual } from '../lib/bytes.js';
import { createPasskey, PasskeyIdentity } from '../lib/webauthn/index.js';
import type { Auth } from './auth.js';
import { deviceData } from './devices.js';
import { createTask, poll } from './task.js';

export type AddDeviceStep = 'anchor' | 'code' | 'done';

export const POLL_INTERVAL_MS = 2_000;

export function createAddDevice(auth: Auth, alias: string) {
  const task = createTask();
  const [step, setStep] = createSignal<AddDeviceStep>('anchor');
  const [code, setCode] = createSignal<string>();
  const [anchor, setAnchor] = createSignal<bigint>();
  const stop = new AbortController();
  onCleanup(() => stop.abort());

  const start = (userNumber: bigint) =>
    task.run(async () => {
      setAnchor(userNumber);
      const anon = await auth.anonymous();
      const creds = await anon.lookupCredentials(userNumber);
      const passkey = await createPasskey({
        excludeCredentialIds: creds.credentials.map((c) => c.credential_id),
      });
      const res = await anon.addTentativeDevice(
        userNumber,
        deviceData({
          alias,
          pubkey: passkey.publicKeyDer,
          credentialId: passkey.credentialId,
          purpose: 'authentication',
          keyType: passkey.keyType === 'cross_platform' ? 'cross_platform' : 'platform',
          origin: window.location.origin,
        }),
      );
      setCode(res.verificationCode);
      setStep('code');
      const deadline = Number(res.timeout / 1_000_000n);
      const found = await poll(
        async () => {
          const c = await anon.lookupCredentials(userNumber);
          return c.credentials.some((x) => bytesEqual(x.pubkey, passkey.publicKeyDer))
            ? true
            : undefined;
        },
        { intervalMs: POLL_INTERVAL_MS, deadline, signal: stop.signal },
      );
      if (found.kind === 'aborted') return;
      if (found.kind === 'timeout') {
        setStep('anchor');
        throw new FrontendError('registration_mode_off', 'verification timed out');
      }
      const identity = PasskeyIdentity.forCredentials([
        { credentialId: passkey.credentialId, pubkey: passkey.publicKeyDer },
      ]);
      await auth.loginWithIdentity(userNumber, identity, passkey.publicKeyDer, 'passkey');
      setStep('done');
    });

  return {
    step,
    code,
    anchor,
    busy: task.busy,
    error: task.error,
    setError: task.setError,
    start,
    reset: () => {
      task.clearError();
      setStep('anchor');
    },
  };
}
