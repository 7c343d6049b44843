// "Login via new device", on the new browser.
import { createEffect, Match, Show, Switch } from 'solid-js';
import { Alert } from '../../components/Alert.js';
import { AnchorForm } from '../../components/AnchorForm.js';
import { Busy } from '../../components/Busy.js';
import { Card } from '../../components/Card.js';
import { CodeDisplay } from '../../components/CodeDisplay.js';
import type { Auth, Session } from '../../stores/auth.js';
import { createAddDevice } from '../../stores/add-device.js';
import { defaultAlias, parseAnchorInput } from '../../stores/devices.js';
import { canRetry, FrontendError } from '../../lib/errors.js';
import copy from './copy.json';

export function AddDeviceView(props: {
  auth: Auth;
  onBack: () => void;
  onDone: (session: Session) => void;
}) {
  const flow = createAddDevice(props.auth, defaultAlias(navigator.userAgent));
  createEffect(() => {
    const s = props.auth.session();
    if (flow.step() === 'done' && s) props.onDone(s);
  });
  const message = (e: FrontendError) =>
    e.code === 'registration_mode_off'
      ? copy.addDevice.modeOff
      : e.code === 'passkey_already_registered'
        ? copy.addDevice.alreadyHere
        : e.message;
  // The way on that can help: log in with the passkey this browser already has; try again once
  // the other device is ready (or after a passing problem); otherwise fix the anchor and go on.
  const action = (e: FrontendError): { label: string; run: () => void } | undefined =>
    e.code === 'passkey_already_registered'
      ? { label: copy.addDevice.login, run: props.onBack }
      : e.code === 'registration_mode_off' || canRetry(e)
        ? { label: copy.addDevice.retry, run: flow.reset }
        : undefined;
  return (
    <Card title={flow.step() === 'code' ? copy.addDevice.codeTitle : copy.addDevice.title}>
      <Switch>
        <Match when={flow.step() === 'code'}>
          <CodeDisplay code={flow.code() ?? ''} label={copy.addDevice.codeLabel} />
          <p>{copy.addDevice.instructions}</p>
          <Busy text={copy.addDevice.waiting} />
        </Match>
        <Match when={true}>
          <p class="muted">{copy.addDevice.intro}</p>
          <AnchorForm
            copy={copy.anchorForm}
            submitTestId="add-device-submit"
            busy={flow.busy()}
            autofocus
            onSubmit={(t) => {
              const a = parseAnchorInput(t);
              if (a !== undefined) void flow.start(a);
              else flow.setError(new FrontendError('invalid_anchor'));
            }}
          />
          <Show when={flow.busy()}>
            <Busy text={copy.addDevice.busyPasskey} />
          </Show>
        </Match>
      </Switch>
      <Show when={flow.error()}>
        {(e) => (
          <Alert
            message={message(e())}
            actionLabel={action(e())?.label}
            onAction={() => action(e())?.run()}
          />
        )}
      </Show>
      <div class="row">
        <button type="button" class="link" onClick={props.onBack}>
          {copy.addDevice.back}
        </button>
      </div>
    </Card>
  );
}
