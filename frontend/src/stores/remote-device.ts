// "Flow: adding remote device" (the logged-in side): enter registration mode, poll
// get_anchor_info until a tentative device shows up, then verify the code the new device shows.
import { createSignal, onCleanup } from 'solid-js';
import { FrontendError } from '../lib/errors.js';
import type { Session } from './auth.js';
import { type AlertSlot, createAlertSlot, createTask, poll } from './task.js';

export type RemoteStep = 'idle' | 'waiting' | 'verify' | 'done';

export const POLL_INTERVAL_MS = 2_000;

export function createRemoteDevice(
  session: () => Session | undefined,
  onAdded: () => void,
  alerts: AlertSlot = createAlertSlot(),
) {
  const waitTask = createTask(alerts);
  const task = createTask(alerts);
  const [step, setStep] = createSignal<RemoteStep>('idle');
  const [alias, setAlias] = createSignal('');
  const [retriesLeft, setRetriesLeft] = createSignal<number>();
  let stop: AbortController | undefined;
  onCleanup(() => stop?.abort());

  const start = () =>
    waitTask.run(async () => {
      task.clearError();
      const s = session();
      if (!s) return;
      stop?.abort();
      stop = new AbortController();
      setRetriesLeft(undefined);
      setStep('waiting');
      const expiration = await s.connection.enterRegistrationMode(s.anchor);
      const result = await poll(
        async () => {
          const info = await s.connection.getAnchorInfo(s.anchor);
          const reg = info.device_registration[0];
          if (!reg) throw new FrontendError('registration_mode_off', 'mode ended');
          return reg.tentative_device[0];
        },
        {
          intervalMs: POLL_INTERVAL_MS,
          deadline: Number(expiration / 1_000_000n),
          signal: stop.signal,
        },
      ).catch((e) => {
        setStep('idle');
        throw e;
      });
      if (result.kind === 'aborted') return;
      if (result.kind === 'timeout') {
        setStep('idle');
        throw new FrontendError('registration_mode_off', 'no device in time');
      }
      setAlias(result.value.alias);
      setStep('verify');
    });

  const verify = (code: string) =>
    task.run(async () => {
      const s = session();
      if (!s) return;
      try {
        await s.connection.verifyTentativeDevice(s.anchor, code);
      } catch (e) {
        if (e instanceof FrontendError && e.code === 'wrong_code') setRetriesLeft(e.retriesLeft);
        else if (e instanceof FrontendError && e.code === 'registration_mode_off') setStep('idle');
        throw e;
      }
      setStep('done');
      onAdded();
    });

  const cancel = () => {
    stop?.abort();
    task.clearError();
    waitTask.clearError();
    const s = session();
    const was = step();
    setStep('idle');
    if (s && was !== 'idle' && was !== 'done')
      void s.connection.exitRegistrationMode(s.anchor).catch(() => undefined);
  };

  return {
    step,
    alias,
    retriesLeft,
    busy: task.busy,
    error: () => task.error() ?? waitTask.error(),
    start,
    verify,
    cancel,
  };
}
