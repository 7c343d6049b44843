import { createSignal, Show, type JSX } from 'solid-js';
import { Dialog } from './Dialog.js';
import { TextField } from './TextField.js';

export interface RemoveDialogCopy {
  title: string;
  confirm: string;
  cancel: string;
  currentWarning: string;
  lastWarning: string;
  lockedExplain: string;
  phraseLabel: string;
}

/** Confirms a removal; warns for the current / last device; asks for a locked phrase. */
export function RemoveDialog(props: {
  copy: RemoveDialogCopy;
  alias: string;
  current: boolean;
  last: boolean;
  locked: boolean;
  busy?: boolean;
  error?: JSX.Element;
  onConfirm: (phrase: string) => void;
  onCancel: () => void;
}) {
  const [phrase, setPhrase] = createSignal('');
  return (
    <Dialog title={props.copy.title.replace('{alias}', props.alias)} onClose={props.onCancel}>
      <Show when={props.last}>
        <p class="warning stern" data-testid="remove-last-warning">
          {props.copy.lastWarning}
        </p>
      </Show>
      <Show when={props.current}>
        <p class="warning" data-testid="remove-current-warning">
          {props.copy.currentWarning}
        </p>
      </Show>
      <form
        class="stack"
        onSubmit={(e) => {
          e.preventDefault();
          props.onConfirm(phrase());
        }}
      >
        <Show when={props.locked}>
          <p>{props.copy.lockedExplain}</p>
          <TextField
            label={props.copy.phraseLabel}
            name="phrase"
            multiline
            value={phrase()}
            onInput={setPhrase}
          />
        </Show>
        {props.error}
        <div class="row">
          <button
            type="submit"
            class="danger"
            data-testid="confirm-remove"
            disabled={props.busy || (props.locked && phrase().trim() === '')}
          >
            {props.copy.confirm}
          </button>
          <button type="button" disabled={props.busy} onClick={() => props.onCancel()}>
            {props.copy.cancel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
