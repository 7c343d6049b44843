import { createSignal } from 'solid-js';
import { Form } from './Form.js';
import { TextField } from './TextField.js';

export interface AnchorFormCopy {
  anchorLabel: string;
  anchorHint: string;
  continue: string;
}

/** "Identity anchor" + "Continue". Digits only; the container validates and shows errors. */
export function AnchorForm(props: {
  copy: AnchorFormCopy;
  busy?: boolean;
  submitTestId: string;
  initial?: string;
  autofocus?: boolean;
  onSubmit: (anchor: string) => void;
}) {
  const [anchor, setAnchor] = createSignal(props.initial ?? '');
  return (
    <Form onSubmit={() => props.onSubmit(anchor().trim())}>
      <TextField
        label={props.copy.anchorLabel}
        hint={props.copy.anchorHint}
        name="anchor"
        inputMode="numeric"
        autocomplete="username"
        value={anchor()}
        onInput={setAnchor}
        autofocus={props.autofocus}
      />
      <button
        type="submit"
        class="primary"
        data-testid={props.submitTestId}
        disabled={props.busy || anchor().trim() === ''}
      >
        {props.copy.continue}
      </button>
    </Form>
  );
}
