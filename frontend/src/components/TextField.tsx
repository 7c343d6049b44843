import { Show, createUniqueId } from 'solid-js';

export interface TextFieldProps {
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
}

/**
 * A labelled text input (or textarea). The label alone is the accessible name; the hint is the
 * description (aria-describedby), so screen readers and tests find the field by its label.
 */
export function TextField(props: TextFieldProps) {
  const id = createUniqueId();
  const hintId = `${id}-hint`;
  const focus = (el: HTMLElement) => {
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
            ref={focus}
            id={id}
            aria-describedby={props.hint ? hintId : undefined}
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
          ref={focus}
          id={id}
          aria-describedby={props.hint ? hintId : undefined}
          name={props.name}
          value={props.value}
          autocomplete="off"
          spellcheck={false}
          disabled={props.disabled}
          onInput={(e) => props.onInput(e.currentTarget.value)}
        />
      </Show>
    </div>
  );
}
