import type { JSX } from 'solid-js';

/** A form that never submits to the network (the CSP has form-action 'none'). */
export function Form(props: { onSubmit: () => void; children: JSX.Element; label?: string }) {
  return (
    <form
      class="stack"
      aria-label={props.label}
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit();
      }}
    >
      {props.children}
    </form>
  );
}
