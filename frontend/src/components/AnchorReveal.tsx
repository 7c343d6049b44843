export interface AnchorRevealCopy {
  title: string;
  explain: string;
  saved: string;
}

/** The new anchor, large, with an explicit acknowledgement. */
export function AnchorReveal(props: {
  copy: AnchorRevealCopy;
  anchor: string;
  onSaved: () => void;
}) {
  return (
    <div>
      <h1>{props.copy.title}</h1>
      <p
        class="anchor-big"
        id="userNumber"
        data-testid="new-anchor"
        aria-label={`Identity anchor ${props.anchor}`}
      >
        {props.anchor}
      </p>
      <p class="warning">{props.copy.explain}</p>
      <div class="stack">
        <button
          type="button"
          class="primary"
          id="displayUserContinue"
          data-testid="anchor-saved"
          ref={(el) => queueMicrotask(() => el.focus())}
          onClick={() => props.onSaved()}
        >
          {props.copy.saved}
        </button>
      </div>
    </div>
  );
}
