// "Login via initial registration": captcha + passkey → the anchor, insistently → recovery offer.
import { Match, onMount, Show, Switch } from 'solid-js';
import { Alert } from '../../components/Alert';
import { AnchorReveal } from '../../components/AnchorReveal';
import { Busy } from '../../components/Busy';
import { Card } from '../../components/Card';
import { RegisterForm } from '../../components/RegisterForm';
import type { Auth, Session } from '../../stores/createAuth';
import { createRegistration } from '../../stores/createRegistration';
import { defaultAlias } from '../../stores/devices';
import copy from './copy.json';
import { RecoverySetupView } from './RecoverySetupView';
import { createSignal } from 'solid-js';

export function RegisterView(props: {
  auth: Auth;
  onCancel: () => void;
  onDone: (session: Session) => void;
}) {
  const reg = createRegistration(props.auth);
  const [saved, setSaved] = createSignal(false);
  onMount(() => void reg.loadCaptcha());
  const finish = () => {
    const s = props.auth.session();
    if (s) props.onDone(s);
  };
  return (
    <Switch>
      <Match when={reg.step() === 'reveal' && saved()}>
        <RecoverySetupView auth={props.auth} canSkip onDone={finish} />
      </Match>
      <Match when={reg.step() === 'reveal'}>
        <Card>
          <AnchorReveal
            copy={copy.register.reveal}
            anchor={reg.anchor()!.toString()}
            onSaved={() => setSaved(true)}
          />
        </Card>
      </Match>
      <Match when={true}>
        <Card title={copy.register.title}>
          <p class="muted">{copy.register.intro}</p>
          <RegisterForm
            copy={copy.register.form}
            captchaPng={reg.challenge()?.pngBase64}
            busy={reg.busy()}
            defaultAlias={defaultAlias(navigator.userAgent)}
            onSubmit={(chars, alias) => void reg.submit(chars, alias)}
            onNewCaptcha={() => void reg.loadCaptcha()}
            onCancel={props.onCancel}
          />
          <Show when={reg.busy()}>
            <Busy text={copy.register.busy} />
          </Show>
          <Show when={reg.error() ?? reg.captchaError()}>
            {(e) => (
              <Alert
                message={e().message}
                actionLabel={copy.errors.newCaptcha}
                onAction={() => void reg.loadCaptcha()}
              />
            )}
          </Show>
        </Card>
      </Match>
    </Switch>
  );
}
