import { Show } from 'solid-js';

export interface EntryChoicesCopy {
  or: string;
  register: string;
  recover: string;
  addDevice: string;
}

/** The other ways in: create an identity, recover one, add this device to one. */
export function EntryChoices(props: {
  copy: EntryChoicesCopy;
  busy?: boolean;
  showSecondary?: boolean;
  onRegister: () => void;
  onRecover: () => void;
  onAddDevice: () => void;
}) {
  return (
    <>
      <div class="divider">{props.copy.or}</div>
      <div class="stack">
        <button
          type="button"
          id="registerButton"
          data-testid="register"
          disabled={props.busy}
          onClick={() => props.onRegister()}
        >
          {props.copy.register}
        </button>
        <Show when={props.showSecondary !== false}>
          <div class="row">
            <button
              type="button"
              class="link"
              data-testid="recover"
              onClick={() => props.onRecover()}
            >
              {props.copy.recover}
            </button>
          </div>
          <div class="row">
            <button
              type="button"
              class="link"
              data-testid="add-device"
              onClick={() => props.onAddDevice()}
            >
              {props.copy.addDevice}
            </button>
          </div>
        </Show>
      </div>
    </>
  );
}
