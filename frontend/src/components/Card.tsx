import type { JSX } from 'solid-js';

export function Card(props: { title?: string; children: JSX.Element; testid?: string }) {
  return (
    <section class="card" data-testid={props.testid} aria-label={props.title}>
      {props.title && <h1>{props.title}</h1>}
      {props.children}
    </section>
  );
}
