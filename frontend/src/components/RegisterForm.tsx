import { createSignal, Show } from 'solid-js';
import { Busy } from './Busy';
import { Form } from './Form';
import { TextField } from './TextField';

export interface RegisterFormCopy {
  captchaLabel: string;
  captchaHint: string;
  captchaLoading: string;
  newCaptcha: string;
  aliasLabel: string;
  aliasHint: string;
  submit: string;
  cancel: string;
}

/** The captcha image, its answer, a device name and "Create passkey". */
export function RegisterForm(props: {
  copy: RegisterFormCopy;
  captchaPng?: string;
  busy?: boolean;
  defaultAlias: string;
  captchaKey?: string;
  onSubmit: (chars: string, alias: string) => void;
  onNewCaptcha: () => void;
  onCancel: () => void;
}) {
  const [chars, setChars] = createSignal('');
  const [alias, setAlias] = createSignal(props.defaultAlias);
  return (
    <Form onSubmit={() => props.onSubmit(chars().trim(), alias().trim())}>
      <Show when={props.captchaPng} fallback={<Busy text={props.copy.captchaLoading} />}>
        <img
          class="captcha"
          data-testid="captcha-image"
          alt="captcha"
          src={`data:image/png;base64,${props.captchaPng}`}
        />
      </Show>
      <TextField
        label={props.copy.captchaLabel}
        hint={props.copy.captchaHint}
        name="captcha"
        value={chars()}
        onInput={setChars}
        autofocus
      />
      <div class="row">
        <button type="button" class="link" onClick={() => props.onNewCaptcha()}>
          {props.copy.newCaptcha}
        </button>
      </div>
      <TextField
        label={props.copy.aliasLabel}
        hint={props.copy.aliasHint}
        name="alias"
        value={alias()}
        onInput={setAlias}
        maxLength={64}
      />
      <button
        type="submit"
        class="primary"
        data-testid="register-submit"
        disabled={props.busy || !props.captchaPng || alias().trim() === ''}
      >
        {props.copy.submit}
      </button>
      <button type="button" disabled={props.busy} onClick={() => props.onCancel()}>
        {props.copy.cancel}
      </button>
    </Form>
  );
}
