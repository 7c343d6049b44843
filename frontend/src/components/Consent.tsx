import { Show } from 'solid-js';

export interface ConsentCopy {
  title: string;
  explain: string;
  derivedFrom: string;
  as: string;
  continue: string;
  switch: string;
}

/** "Log in to <origin> as <anchor>?" */
export function Consent(props: {
  copy: ConsentCopy;
  origin: string;
  derivationOrigin?: string;
  anchor?: string;
  busy?: boolean;
  onContinue?: () => void;
  onSwitch?: () => void;
}) {
  return (
    <div>
      <h1>{props.copy.title}</h1>
      <p>{props.copy.explain}</p>
      <p class="origin" data-testid="authorize-origin">
        {props.origin}
      </p>
      <Show when={props.derivationOrigin && props.derivationOrigin !== props.origin}>
        <p class="small muted">
          {props.copy.derivedFrom}{' '}
          <span data-testid="derivation-origin">{props.derivationOrigin}</span>
        </p>
      </Show>
      <Show when={props.anchor && props.onContinue}>
        <p>
          {props.copy.as} <span class="anchor-inline">{props.anchor}</span>
        </p>
        <div class="stack">
          <button
            type="button"
            class="primary"
            data-testid="authorize-continue"
            disabled={props.busy}
            ref={(el) => queueMicrotask(() => el.focus())}
            onClick={() => props.onContinue?.()}
          >
            {props.copy.continue}
          </button>
          <Show when={props.onSwitch}>
            <button type="button" disabled={props.busy} onClick={() => props.onSwitch?.()}>
              {props.copy.switch}
            </button>
          </Show>
        </div>
      </Show>
    </div>
  );
}
