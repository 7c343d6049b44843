import { Show } from 'solid-js';

export interface RecoveryOfferCopy {
  title: string;
  explain: string;
  phrase: string;
  securityKey: string;
  skip: string;
}

/** Recovery options: a phrase (recommended), a security key, or skip. */
export function RecoveryOffer(props: {
  copy: RecoveryOfferCopy;
  busy?: boolean;
  canSkip?: boolean;
  onPhrase: () => void;
  onSecurityKey: () => void;
  onSkip: () => void;
}) {
  return (
    <div>
      <h1>{props.copy.title}</h1>
      <p>{props.copy.explain}</p>
      <div class="stack">
        <button
          type="button"
          class="primary"
          data-testid="setup-recovery"
          disabled={props.busy}
          onClick={() => props.onPhrase()}
        >
          {props.copy.phrase}
        </button>
        <button
          type="button"
          data-testid="setup-recovery-key"
          disabled={props.busy}
          onClick={() => props.onSecurityKey()}
        >
          {props.copy.securityKey}
        </button>
        <Show when={props.canSkip !== false}>
          <button
            type="button"
            data-testid="skip-recovery"
            disabled={props.busy}
            onClick={() => props.onSkip()}
          >
            {props.copy.skip}
          </button>
        </Show>
      </div>
    </div>
  );
}
