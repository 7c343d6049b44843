import { createSignal, type JSX } from 'solid-js';
import { Dialog } from './Dialog.js';
import { TextField } from './TextField.js';

export interface RenameDialogCopy {
  title: string;
  label: string;
  save: string;
  cancel: string;
}

export function RenameDialog(props: {
  copy: RenameDialogCopy;
  alias: string;
  busy?: boolean;
  error?: JSX.Element;
  /** Why a name cannot be saved (checked while typing). */
  aliasProblem?: (alias: string) => string | undefined;
  onSave: (alias: string) => void;
  onCancel: () => void;
}) {
  const [alias, setAlias] = createSignal(props.alias);
  const problem = () => props.aliasProblem?.(alias().trim());
  return (
    <Dialog title={props.copy.title.replace('{alias}', props.alias)} onClose={props.onCancel}>
      <form
        class="stack"
        onSubmit={(e) => {
          e.preventDefault();
          props.onSave(alias().trim());
        }}
      >
        <TextField
          label={props.copy.label}
          name="alias"
          value={alias()}
          onInput={setAlias}
          maxLength={64}
          problem={problem()}
        />
        {props.error}
        <div class="row">
          <button
            type="submit"
            class="primary"
            data-testid="confirm-rename"
            disabled={props.busy || alias().trim() === '' || problem() !== undefined}
          >
            {props.copy.save}
          </button>
          <button type="button" disabled={props.busy} onClick={() => props.onCancel()}>
            {props.copy.cancel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
