export interface ReturningUserCopy {
  welcome: string;
  continueAs: string;
  useAnother: string;
}

/** A remembered anchor: one button to log in with it, one to use another. */
export function ReturningUser(props: {
  copy: ReturningUserCopy;
  anchor: string;
  busy?: boolean;
  onContinue: () => void;
  onOther: () => void;
}) {
  return (
    <div class="stack">
      <p>{props.copy.welcome}</p>
      <button
        type="button"
        class="primary"
        data-testid="login-returning"
        data-anchor-id={props.anchor}
        disabled={props.busy}
        onClick={() => props.onContinue()}
      >
        {props.copy.continueAs.replace('{anchor}', props.anchor)}
      </button>
      <button
        type="button"
        data-testid="login-other"
        disabled={props.busy}
        onClick={() => props.onOther()}
      >
        {props.copy.useAnother}
      </button>
    </div>
  );
}
