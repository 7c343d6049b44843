/** The verification code the new device shows, to be typed on the old one. */
export function CodeDisplay(props: { code: string; label: string }) {
  return (
    <p class="code-big" data-testid="verification-code" aria-label={`${props.label} ${props.code}`}>
      {props.code}
    </p>
  );
}
