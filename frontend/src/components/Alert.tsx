import { Show } from 'solid-js';

export interface AlertProps {
  message: string;
  title?: string;
  /** A way on: a button next to the message. */
  actionLabel?: string;
  onAction?: () => void;
}

/** An error the user must see: announced by screen readers (role=alert), always with a way on. */
export function Alert(props: AlertProps) {
  return (
    <div class="alert" role="alert">
      <Show when={props.title}>
        <p class="title">{props.title}</p>
      </Show>
      <p>{props.message}</p>
      <Show when={props.actionLabel && props.onAction}>
        <button type="button" class="small" onClick={() => props.onAction?.()}>
          {props.actionLabel}
        </button>
      </Show>
    </div>
  );
}
