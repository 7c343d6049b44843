import { For, Show } from 'solid-js';
import { originPieces } from '../lib/authorize/origin-display.js';

export interface ConsentCopy {
  title: string;
  explain: string;
  derivedFrom: string;
  chooseBelow: string;
  as: string;
  continue: string;
  switch: string;
}

/** An origin that wraps only between its pieces (see originPieces), never inside one. */
function Origin(props: { origin: string; testid: string; class?: string }) {
  return (
    <span class={`origin-text ${props.class ?? ''}`} data-testid={props.testid}>
      <For each={originPieces(props.origin)}>
        {(piece, i) => (
          <>
            {i() > 0 && <wbr />}
            <span class="origin-piece">{piece}</span>
          </>
        )}
      </For>
    </span>
  );
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
      <p class="origin">
        <Origin origin={props.origin} testid="authorize-origin" />
      </p>
      <Show when={props.derivationOrigin && props.derivationOrigin !== props.origin}>
        <p class="small muted">
          {props.copy.derivedFrom}{' '}
          <Origin origin={props.derivationOrigin!} testid="derivation-origin" />
        </p>
      </Show>
      {/* Logging in with an existing passkey below sends the delegation at once: say so. */}
      <Show when={!props.anchor}>
        <p class="small muted" data-testid="authorize-consent-hint">
          {props.copy.chooseBelow}
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
