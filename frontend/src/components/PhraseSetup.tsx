import { createSignal, createUniqueId, For } from 'solid-js';
import { Form } from './Form.js';

export interface PhraseSetupCopy {
  title: string;
  explain: string;
  order: string;
  copy: string;
  copied: string;
  written: string;
  protect: string;
  protectHint: string;
  done: string;
  securityKey: string;
  back: string;
}

/**
 * Shows "<anchor> <24 words>" (the words numbered), asks for confirmation and whether to lock the
 * phrase, and offers a way back.
 */
export function PhraseSetup(props: {
  copy: PhraseSetupCopy;
  phrase: string;
  busy?: boolean;
  onDone: (protect: boolean) => void;
  onSecurityKey: () => void;
  onBack: () => void;
}) {
  const [written, setWritten] = createSignal(false);
  const [protect, setProtect] = createSignal(false);
  const [copied, setCopied] = createSignal(false);
  const hintId = createUniqueId();
  const anchor = () => props.phrase.split(' ')[0];
  const words = () => props.phrase.split(' ').slice(1);
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
      <p class="hint">{props.copy.order}</p>
      {/* The numbers are list markers: they are read out, but not part of the copied text. */}
      <div class="phrase" data-testid="recovery-phrase">
        <span class="phrase-anchor">{anchor()}</span>{' '}
        <ol class="phrase-words">
          <For each={words()}>{(w) => <li>{`${w} `}</li>}</For>
        </ol>
      </div>
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
      <div class="check-with-hint">
        <label class="check">
          <input
            type="checkbox"
            name="protect"
            aria-describedby={hintId}
            checked={protect()}
            onChange={(e) => setProtect(e.currentTarget.checked)}
          />
          {props.copy.protect}
        </label>
        <p class="hint" id={hintId} data-testid="lock-explanation">
          {props.copy.protectHint}
        </p>
      </div>
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
        data-testid="recovery-back"
        disabled={props.busy}
        onClick={() => props.onBack()}
      >
        {props.copy.back}
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
