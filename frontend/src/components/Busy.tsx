/** A spinner with text, announced politely. */
export function Busy(props: { text: string }) {
  return (
    <div class="status" role="status">
      <span class="spinner" aria-hidden="true" />
      <span>{props.text}</span>
    </div>
  );
}
