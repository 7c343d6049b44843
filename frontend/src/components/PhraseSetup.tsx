import { createSignal, Show } from 'solid-js';
import { Form } from './Form';

export interface PhraseSetupCopy {
  title: string;
  explain: string;
  copy: string;
  copied: string;
  written: string;
  protect: string;
  protectHint: string;
  done: string;
  securityKey: string;
}

/** Shows "<anchor> <24 words>", asks for confirmation and whether to lock the phrase. */
export function PhraseSetup(props: {
  copy: PhraseSetupCopy;
  phrase: string;
  busy?: boolean;
  onDone: (protect: boolean) => void;
  onSecurityKey: () => void;
}) {
  const [written, setWritten] = createSignal(false);
  const [protect, setProtect] = createSignal(false);
  const [copied, setCopied] = createSignal(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.phrase);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <Form onSubmit={() => written() && props.onDone(protect())}>
      <h1>{props.copy.title}</h1>
      <p>{props.copy.explain}</p>
      <p class="phrase" data-testid="recovery-phrase">
        {props.phrase}
      </p>
      <div class="row">
        <button type="button" class="small" onClick={copy}>
          {copied() ? props.copy.copied : props.copy.copy}
        </button>
      </div>
      <label class="check">
        <input
          type="checkbox"
          name="confirm-written"
          checked={written()}
          onChange={(e) => setWritten(e.currentTarget.checked)}
        />
        {props.copy.written}
      </label>
      <label class="check">
        <input
          type="checkbox"
          name="protect"
          checked={protect()}
          onChange={(e) => setProtect(e.currentTarget.checked)}
        />
        {props.copy.protect}
      </label>
      <Show when={protect()}>
        <p class="hint">{props.copy.protectHint}</p>
      </Show>
      <button
        type="submit"
        class="primary"
        data-testid="recovery-done"
        disabled={props.busy || !written()}
      >
        {props.copy.done}
      </button>
      <button
        type="button"
        class="link"
        data-testid="recovery-security-key"
        disabled={props.busy}
        onClick={() => props.onSecurityKey()}
      >
        {props.copy.securityKey}
      </button>
    </Form>
  );
}
