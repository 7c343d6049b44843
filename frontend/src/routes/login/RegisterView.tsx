// "Login via initial registration": captcha + passkey → the anchor, insistently → recovery offer.
import { createEffect, createSignal, Match, onMount, Show, Switch } from 'solid-js';
import type { AlertProps } from '../../components/Alert.js';
import { AnchorReveal } from '../../components/AnchorReveal.js';
import { Busy } from '../../components/Busy.js';
import { Card } from '../../components/Card.js';
import { RegisterForm } from '../../components/RegisterForm.js';
import { TEST_BUILD } from '../../flavor.js';
import type { Auth, Session } from '../../stores/auth.js';
import { createRegistration } from '../../stores/registration.js';
import { ALIAS_MAX_BYTES, defaultAlias, utf8Length } from '../../stores/devices.js';
import copy from './copy.json';
import { RecoverySetupView } from './RecoverySetupView.js';

export function RegisterView(props: {
  auth: Auth;
  onCancel: () => void;
  onDone: (session: Session) => void;
}) {
  const reg = createRegistration(props.auth);
  const [saved, setSaved] = createSignal(false);
  onMount(() => void reg.loadCaptcha());
  // The test flavor needs no click for the passkey: without a captcha to type it registers as
  // soon as the challenge key is there (as the official test build; dapp developers' helpers
  // expect the new anchor right after "create").
  let autoSubmitted = false;
  createEffect(() => {
    if (!TEST_BUILD || props.auth.config.captcha !== false || autoSubmitted) return;
    if (!reg.challenge()) return;
    autoSubmitted = true;
    void reg.submit('', defaultAlias(navigator.userAgent));
  });
  // A wrong answer already brought a new image: say so next to the field, with no button.
  const captchaAlert = (): AlertProps | undefined => {
    const e = reg.error();
    if (e?.code === 'bad_captcha') return { message: e.message, testid: 'captcha-alert' };
    const c = reg.captchaError();
    if (c)
      return {
        message: c.message,
        actionLabel: copy.errors.newCaptcha,
        onAction: () => void reg.loadCaptcha(),
        testid: 'captcha-alert',
      };
    return undefined;
  };
  // Anything else: "Create passkey" is the retry, so the alert needs no button of its own.
  const otherAlert = (): AlertProps | undefined => {
    const e = reg.error();
    return e && e.code !== 'bad_captcha' ? { message: e.message } : undefined;
  };
  const aliasProblem = (alias: string) =>
    utf8Length(alias) > ALIAS_MAX_BYTES
      ? copy.register.form.aliasTooLong
          .replace('{max}', String(ALIAS_MAX_BYTES))
          .replace('{n}', String(utf8Length(alias)))
      : undefined;
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
            // The test flavor skips the recovery offer: the helpers expect the dapp next.
            onSaved={() => (TEST_BUILD ? finish() : setSaved(true))}
          />
        </Card>
      </Match>
      <Match when={true}>
        <Card title={copy.register.title}>
          <p class="muted">{copy.register.intro}</p>
          <RegisterForm
            copy={copy.register.form}
            captchaPng={reg.challenge()?.pngBase64}
            captchaKey={reg.challenge()?.challengeKey}
            captchaAlert={captchaAlert()}
            alert={otherAlert()}
            aliasProblem={aliasProblem}
            busy={reg.busy()}
            defaultAlias={defaultAlias(navigator.userAgent)}
            onSubmit={(chars, alias) => void reg.submit(chars, alias)}
            onNewCaptcha={() => void reg.loadCaptcha()}
            onCancel={props.onCancel}
          />
          <Show when={reg.busy()}>
            <Busy text={copy.register.busy} />
          </Show>
        </Card>
      </Match>
    </Switch>
  );
}
