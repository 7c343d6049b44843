import { Show, createUniqueId } from 'solid-js';
import { Alert, type AlertProps } from './Alert.js';

export interface TextFieldProps {
  /** A fixed element id (dapp developers' test helpers select by id); default: a unique one. */
  id?: string;
  label: string;
  name: string;
  value: string;
  onInput: (value: string) => void;
  hint?: string;
  autofocus?: boolean;
  inputMode?: 'numeric' | 'text';
  autocomplete?: string;
  multiline?: boolean;
  disabled?: boolean;
  maxLength?: number;
  /** What went wrong with this field, shown right under it (and tied to it for screen readers). */
  alert?: AlertProps;
  /** Why the value cannot be used yet (checked while typing; politely announced, not an alert). */
  problem?: string;
  ref?: (el: HTMLInputElement | HTMLTextAreaElement) => void;
}

/**
 * A labelled text input (or textarea). The label alone is the accessible name; the hint and an
 * alert are the description (aria-describedby), so screen readers and tests find the field by its
 * label.
 */
export function TextField(props: TextFieldProps) {
  const id = props.id ?? createUniqueId();
  const hintId = `${id}-hint`;
  const alertId = `${id}-alert`;
  const problemId = `${id}-problem`;
  const describedBy = () =>
    [props.hint ? hintId : '', props.problem ? problemId : '', props.alert ? alertId : '']
      .filter(Boolean)
      .join(' ') || undefined;
  const invalid = () => (props.alert || props.problem ? true : undefined);
  const setRef = (el: HTMLInputElement | HTMLTextAreaElement) => {
    props.ref?.(el);
    if (props.autofocus) queueMicrotask(() => el.focus());
  };
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <Show when={props.hint}>
        <span class="hint" id={hintId}>
          {props.hint}
        </span>
      </Show>
      <Show
        when={props.multiline}
        fallback={
          <input
            ref={setRef}
            id={id}
            aria-describedby={describedBy()}
            aria-invalid={invalid()}
            type="text"
            name={props.name}
            value={props.value}
            inputMode={props.inputMode}
            autocomplete={props.autocomplete ?? 'off'}
            spellcheck={false}
            disabled={props.disabled}
            maxLength={props.maxLength}
            onInput={(e) => props.onInput(e.currentTarget.value)}
          />
        }
      >
        <textarea
          ref={setRef}
          id={id}
          aria-describedby={describedBy()}
          aria-invalid={invalid()}
          name={props.name}
          value={props.value}
          autocomplete="off"
          spellcheck={false}
          disabled={props.disabled}
          onInput={(e) => props.onInput(e.currentTarget.value)}
        />
      </Show>
      <Show when={props.problem}>
        <span class="problem" id={problemId} aria-live="polite">
          {props.problem}
        </span>
      </Show>
      <Show when={props.alert}>{(a) => <Alert {...a()} id={alertId} />}</Show>
    </div>
  );
}
