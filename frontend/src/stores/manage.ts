// The manage page's devices: load, rename (optimistic, rolled back on failure) and remove (a locked
// recovery phrase is removed by the phrase itself).
import type { DeviceWithUsageT } from '@ii/canister/candid';
import { createSignal } from 'solid-js';
import type { PageConfig } from '../lib/config.js';
import { bytesEqual, toHex } from '../lib/bytes.js';
import { FrontendError } from '../lib/errors.js';
import { identityFromPhrase, parsePhrase } from '../lib/recovery-phrase.js';
import type { Session } from './auth.js';
import { isLocked, isPhrase, isRecovery, withoutUsage } from './devices.js';
import { type AlertSlot, createAlertSlot, createTask } from './task.js';

export function createManage(
  config: PageConfig,
  session: () => Session | undefined,
  alerts: AlertSlot = createAlertSlot(),
) {
  const loadTask = createTask(alerts);
  const task = createTask(alerts);
  const [devices, setDevices] = createSignal<DeviceWithUsageT[]>([]);
  const [loaded, setLoaded] = createSignal(false);

  const find = (key: string) => devices().find((d) => toHex(d.pubkey) === key);

  const reload = () =>
    loadTask.run(async () => {
      const s = session();
      if (!s) return;
      const info = await s.connection.getAnchorInfo(s.anchor);
      setDevices(info.devices);
      setLoaded(true);
    });

  const rename = (key: string, alias: string) =>
    task.run(async () => {
      const s = session();
      const d = find(key);
      if (!s || !d) return false;
      const before = devices();
      setDevices(before.map((x) => (x === d ? { ...x, alias } : x)));
      try {
        await s.connection.update(s.anchor, d.pubkey, { ...withoutUsage(d), alias });
      } catch (e) {
        setDevices(before);
        throw e;
      }
      return true;
    });

  /** Removes a device; a locked phrase needs `phraseText`. Returns 'current' if it was ours. */
  const remove = (key: string, phraseText: string) =>
    task.run(async () => {
      const s = session();
      const d = find(key);
      if (!s || !d) return undefined;
      let connection = s.connection;
      if (isLocked(d)) {
        const identity = identityFromPhrase(parsePhrase(phraseText).words);
        if (!bytesEqual(new Uint8Array(identity.getPublicKey().toDer()), d.pubkey))
          throw new FrontendError('protected_device', 'wrong phrase');
        connection = s.connection.withIdentity(identity);
      }
      await connection.remove(s.anchor, d.pubkey);
      setDevices(devices().filter((x) => x !== d));
      return bytesEqual(d.pubkey, s.devicePubkey) ? ('current' as const) : ('other' as const);
    });

  const hasPhrase = () => devices().some((d) => isRecovery(d) && isPhrase(d));
  const hasRecovery = () => devices().some(isRecovery);

  return {
    devices,
    loaded,
    find,
    reload,
    rename,
    remove,
    hasPhrase,
    hasRecovery,
    busy: task.busy,
    error: task.error,
    clearError: task.clearError,
    loadError: loadTask.error,
    loading: loadTask.busy,
  };
}
