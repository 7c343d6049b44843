import { createSignal, Show } from 'solid-js';
import { Form } from './Form.js';
import { TextField } from './TextField.js';

export interface VerifyCodeFormCopy {
  found: string;
  codeLabel: string;
  codeHint: string;
  verify: string;
  retriesLeft: string;
  cancel: string;
}

/** The manage side of "add a new device": the tentative device's alias and its code. */
export function VerifyCodeForm(props: {
  copy: VerifyCodeFormCopy;
  alias: string;
  retriesLeft?: number;
  busy?: boolean;
  onVerify: (code: string) => void;
  onCancel: () => void;
}) {
  const [code, setCode] = createSignal('');
  return (
    <Form onSubmit={() => props.onVerify(code().trim())}>
      <p>
        {props.copy.found} <strong data-testid="tentative-alias">{props.alias}</strong>
      </p>
      <TextField
        label={props.copy.codeLabel}
        hint={props.copy.codeHint}
        name="verification-code"
        inputMode="numeric"
        value={code()}
        onInput={setCode}
        autofocus
      />
      <Show when={props.retriesLeft !== undefined}>
        <p class="hint" data-testid="retries-left">
          {props.copy.retriesLeft.replace('{n}', String(props.retriesLeft))}
        </p>
      </Show>
      <div class="row">
        <button
          type="submit"
          class="primary"
          data-testid="verify-code"
          disabled={props.busy || code().trim() === ''}
        >
          {props.copy.verify}
        </button>
        <button type="button" disabled={props.busy} onClick={() => props.onCancel()}>
          {props.copy.cancel}
        </button>
      </div>
    </Form>
  );
}
