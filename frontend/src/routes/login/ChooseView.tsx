// "Login as returning user" / "Login via existing device", plus the other ways in.
import { createSignal, Show } from 'solid-js';
import { Alert } from '../../components/Alert.js';
import { AnchorForm } from '../../components/AnchorForm.js';
import { Busy } from '../../components/Busy.js';
import { Card } from '../../components/Card.js';
import { EntryChoices } from '../../components/EntryChoices.js';
import { ReturningUser } from '../../components/ReturningUser.js';
import { canRetry, FrontendError } from '../../lib/errors.js';
import type { Auth, Session } from '../../stores/auth.js';
import { parseAnchorInput } from '../../stores/devices.js';
import { createTask } from '../../stores/task.js';
import copy from './copy.json';
import type { LoginView } from './LoginFlow.js';

export function ChooseView(props: {
  auth: Auth;
  title?: string;
  preferredAnchor?: bigint;
  onGo: (view: LoginView) => void;
  onDone: (session: Session, via: LoginView) => void;
}) {
  const task = createTask();
  const [remembered, setRemembered] = createSignal(
    props.preferredAnchor ?? props.auth.storage.lastUsed(),
  );
  const login = async (anchor: bigint) => {
    const s = await task.run(() => props.auth.loginWithPasskey(anchor));
    if (s) props.onDone(s, 'choose');
  };
  // One alert: a typing mistake replaces whatever the last attempt said.
  const submit = (text: string) => {
    const anchor = parseAnchorInput(text);
    if (anchor === undefined) task.setError(new FrontendError('invalid_anchor'));
    else void login(anchor);
  };
  return (
    <Card title={props.title ?? copy.landing.title}>
      <Show when={!props.title}>
        <p class="muted">{copy.landing.tagline}</p>
      </Show>
      <Show
        when={remembered()}
        fallback={
          <AnchorForm
            copy={copy.anchorForm}
            submitTestId="login-submit"
            busy={task.busy()}
            autofocus
            onSubmit={submit}
          />
        }
      >
        {(anchor) => (
          <ReturningUser
            copy={copy.returning}
            anchor={anchor().toString()}
            busy={task.busy()}
            onContinue={() => void login(anchor())}
            onOther={() => {
              task.clearError();
              setRemembered(undefined);
            }}
          />
        )}
      </Show>
      <Show when={task.busy()}>
        <Busy text={copy.landing.busyLogin} />
      </Show>
      <Show when={task.error()}>
        {(e) => (
          <Alert
            message={e().message}
            // Retrying helps only the remembered anchor (typed ones retry with Continue).
            actionLabel={
              remembered() !== undefined && canRetry(e()) ? copy.errors.retry : undefined
            }
            onAction={() => {
              const a = remembered();
              if (a !== undefined) void login(a);
            }}
          />
        )}
      </Show>
      <EntryChoices
        copy={copy.choices}
        busy={task.busy()}
        onRegister={() => props.onGo('register')}
        onRecover={() => props.onGo('recover')}
        onAddDevice={() => props.onGo('add-device')}
      />
    </Card>
  );
}
