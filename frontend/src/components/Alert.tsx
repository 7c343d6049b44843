import { Show } from 'solid-js';

export interface AlertProps {
  message: string;
  title?: string;
  /** A way on: a button next to the message (only when it can help). */
  actionLabel?: string;
  onAction?: () => void;
  id?: string;
  testid?: string;
}

/** An error the user must see: announced by screen readers (role=alert), always with a way on. */
export function Alert(props: AlertProps) {
  return (
    <div
      class="alert"
      role="alert"
      id={props.id}
      data-testid={props.testid}
      // In a small popup the alert may appear below the fold: bring it into view.
      ref={(el) => queueMicrotask(() => el.scrollIntoView?.({ block: 'nearest' }))}
    >
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
