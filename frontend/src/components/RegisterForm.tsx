import { createEffect, createSignal, Show } from 'solid-js';
import { Alert, type AlertProps } from './Alert.js';
import { Busy } from './Busy.js';
import { Form } from './Form.js';
import { TextField } from './TextField.js';

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
  /** Changes with every new image: the answer field is then cleared and focused. */
  captchaKey?: string;
  /** About the captcha (wrong answer, image not loaded): shown under its field. */
  captchaAlert?: AlertProps;
  /** Anything else (passkey, canister): shown above the buttons. */
  alert?: AlertProps;
  /** Why the device name cannot be used as it is. */
  aliasProblem?: (alias: string) => string | undefined;
  onSubmit: (chars: string, alias: string) => void;
  onNewCaptcha: () => void;
  onCancel: () => void;
}) {
  const [chars, setChars] = createSignal('');
  const [alias, setAlias] = createSignal(props.defaultAlias);
  let captchaInput: HTMLInputElement | HTMLTextAreaElement | undefined;
  // A new image makes the old answer meaningless: start the retry from an empty, focused field.
  // (While the next image loads the key is undefined; compare with the last image's key.)
  let lastKey: string | undefined;
  createEffect(() => {
    const key = props.captchaKey;
    if (key === undefined) return;
    if (lastKey !== undefined && key !== lastKey) {
      setChars('');
      captchaInput?.focus();
    }
    lastKey = key;
  });
  const aliasProblem = () => props.aliasProblem?.(alias().trim());
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
        id="captchaInput"
        ref={(el) => (captchaInput = el)}
        label={props.copy.captchaLabel}
        hint={props.copy.captchaHint}
        name="captcha"
        value={chars()}
        onInput={setChars}
        alert={props.captchaAlert}
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
        problem={aliasProblem()}
      />
      <Show when={props.alert}>{(a) => <Alert {...a()} />}</Show>
      <button
        type="submit"
        class="primary"
        id="confirmRegisterButton"
        data-testid="register-submit"
        disabled={
          props.busy || !props.captchaPng || alias().trim() === '' || aliasProblem() !== undefined
        }
      >
        {props.copy.submit}
      </button>
      <button type="button" disabled={props.busy} onClick={() => props.onCancel()}>
        {props.copy.cancel}
      </button>
    </Form>
  );
}
