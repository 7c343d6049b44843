// Registration: captcha → passkey (👆 create) → session (👆 sign) → register → show the anchor.
// The passkey and its session survive a wrong captcha, so a retry needs no new passkey.
import { createSignal } from 'solid-js';
import { TEST_BUILD } from '../flavor.js';
import type { Captcha, Connection } from '../lib/connection.js';
import { createDummyPasskey } from '../lib/dummy-auth.js';
import { FrontendError } from '../lib/errors.js';
import { createPasskey, PasskeyIdentity } from '../lib/webauthn/index.js';
import type { Auth } from './auth.js';
import { deviceData } from './devices.js';
import { createAlertSlot, createTask } from './task.js';

export type RegistrationStep = 'form' | 'reveal';

export function createRegistration(auth: Auth) {
  // One alert for the screen: a new image or a new attempt replaces the previous message.
  const slot = createAlertSlot();
  const task = createTask(slot);
  const captchaTask = createTask(slot);
  const [step, setStep] = createSignal<RegistrationStep>('form');
  const [challenge, setChallenge] = createSignal<Captcha>();
  const [anchor, setAnchor] = createSignal<bigint>();
  let pending:
    | { connection: Connection; pubkey: Uint8Array; credentialId: Uint8Array; keyType: string }
    | undefined;

  const loadCaptcha = () =>
    captchaTask.run(async () => {
      setChallenge(undefined);
      setChallenge(await (await auth.anonymous()).createChallenge());
    });

  const submit = (chars: string, alias: string) =>
    task.run(async () => {
      const ch = challenge();
      if (!ch) return;
      if (!pending) {
        // The test flavor registers a key kept in the browser instead (lib/dummy-auth.ts).
        const dummy = TEST_BUILD ? createDummyPasskey() : undefined;
        const passkey = dummy ?? (await createPasskey());
        const identity =
          dummy?.identity ??
          PasskeyIdentity.forCredentials([
            { credentialId: passkey.credentialId, pubkey: passkey.publicKeyDer },
          ]);
        pending = {
          connection: await auth.connect(identity),
          pubkey: passkey.publicKeyDer,
          credentialId: passkey.credentialId,
          keyType: passkey.keyType,
        };
      }
      const device = deviceData({
        alias,
        pubkey: pending.pubkey,
        credentialId: pending.credentialId,
        purpose: 'authentication',
        keyType: pending.keyType === 'cross_platform' ? 'cross_platform' : 'platform',
        origin: window.location.origin,
      });
      try {
        const userNumber = await pending.connection.register(device, {
          key: ch.challengeKey,
          chars,
        });
        auth.complete(userNumber, pending.connection, pending.pubkey, 'passkey');
        setAnchor(userNumber);
        setStep('reveal');
      } catch (e) {
        if (e instanceof FrontendError && e.code === 'bad_captcha') void loadCaptcha();
        throw e;
      }
    });

  return {
    step,
    challenge,
    anchor,
    busy: task.busy,
    error: task.error,
    captchaError: captchaTask.error,
    loadCaptcha,
    submit,
  };
}
