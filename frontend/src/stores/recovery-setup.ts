// Flow "Setup recovery": a BIP-39 phrase (optionally locked: only the phrase can then remove it,
// so a stolen session cannot delete it) or a recovery security key (a passkey registered with purpose recovery).
import { createSignal } from 'solid-js';
import { createPasskey } from '../lib/webauthn/index.js';
import {
  formatPhrase,
  generateRecoveryPhrase,
  identityFromPhrase,
} from '../lib/recovery-phrase.js';
import type { Session } from './auth.js';
import { deviceData } from './devices.js';
import { createTask } from './task.js';

export type RecoveryStep = 'offer' | 'phrase' | 'done';

export const PHRASE_ALIAS = 'Recovery phrase';
export const KEY_ALIAS = 'Recovery security key';

export function createRecoverySetup(
  session: () => Session | undefined,
  initial: RecoveryStep = 'offer',
) {
  const task = createTask();
  const [step, setStep] = createSignal<RecoveryStep>(initial);
  const [words, setWords] = createSignal<string>();
  /** What was set up, once `step` is 'done' (for the confirmation). */
  const [result, setResult] = createSignal<'phrase' | 'key' | 'skipped'>();

  const showPhrase = () => {
    const s = session();
    if (!s) return;
    setWords(generateRecoveryPhrase());
    setStep('phrase');
  };
  if (initial === 'phrase') showPhrase();

  const phraseText = () => {
    const s = session();
    const w = words();
    return s && w ? formatPhrase(s.anchor, w) : '';
  };

  const savePhrase = (locked: boolean) =>
    task.run(async () => {
      const s = session();
      const w = words();
      if (!s || !w) return;
      const identity = identityFromPhrase(w);
      await s.connection.add(
        s.anchor,
        deviceData({
          alias: PHRASE_ALIAS,
          pubkey: new Uint8Array(identity.getPublicKey().toDer()),
          purpose: 'recovery',
          keyType: 'seed_phrase',
          locked,
        }),
      );
      setResult('phrase');
      setStep('done');
    });

  const addSecurityKey = () =>
    task.run(async () => {
      const s = session();
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
          alias: KEY_ALIAS,
          pubkey: passkey.publicKeyDer,
          credentialId: passkey.credentialId,
          purpose: 'recovery',
          keyType: 'cross_platform',
          origin: window.location.origin,
        }),
      );
      setResult('key');
      setStep('done');
    });

  return {
    step,
    phraseText,
    busy: task.busy,
    error: task.error,
    clearError: task.clearError,
    showPhrase,
    savePhrase,
    addSecurityKey,
    result,
    /** Back to the offer; the phrase shown is dropped (nothing was saved). */
    backToOffer: () => {
      task.clearError();
      setWords(undefined);
      setStep('offer');
    },
    skip: () => {
      setResult('skipped');
      setStep('done');
    },
  };
}
