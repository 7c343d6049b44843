// "Flow: adding remote device" on the logged-in side.
import { Match, onMount, Show, Switch } from 'solid-js';
import { Alert } from '../../components/Alert.js';
import { Busy } from '../../components/Busy.js';
import { Card } from '../../components/Card.js';
import { VerifyCodeForm } from '../../components/VerifyCodeForm.js';
import type { Auth } from '../../stores/auth.js';
import { createRemoteDevice } from '../../stores/remote-device.js';
import type { AlertSlot } from '../../stores/task.js';
import copy from './copy.json';

export function RemoteDevicePanel(props: {
  auth: Auth;
  alerts: AlertSlot;
  onAdded: () => void;
  onClose: () => void;
}) {
  const remote = createRemoteDevice(props.auth.session, props.onAdded, props.alerts);
  onMount(() => void remote.start());
  const anchor = () => props.auth.session()?.anchor.toString() ?? '';
  const close = () => {
    remote.cancel();
    props.onClose();
  };
  return (
    <Card title={copy.remote.title} testid="add-remote-panel">
      <Switch>
        <Match when={remote.step() === 'waiting'}>
          <p>{copy.remote.instructions.replace('{anchor}', anchor())}</p>
          <Busy text={copy.remote.waiting} />
          <button type="button" onClick={close}>
            {copy.remote.cancel}
          </button>
        </Match>
        <Match when={remote.step() === 'verify'}>
          <VerifyCodeForm
            copy={copy.remote}
            alias={remote.alias()}
            retriesLeft={remote.retriesLeft()}
            busy={remote.busy()}
            onVerify={(code) => void remote.verify(code)}
            onCancel={close}
          />
        </Match>
        <Match when={remote.step() === 'done'}>
          <p role="status" data-testid="remote-done">
            {copy.remote.done.replace('{alias}', remote.alias())}
          </p>
          <button type="button" onClick={props.onClose}>
            OK
          </button>
        </Match>
      </Switch>
      <Show when={remote.error()}>
        {(e) => (
          <Alert
            message={e().code === 'registration_mode_off' ? copy.remote.modeOff : e().message}
            actionLabel={remote.step() === 'idle' ? copy.remote.restart : undefined}
            onAction={remote.step() === 'idle' ? () => void remote.start() : undefined}
          />
        )}
      </Show>
    </Card>
  );
}
