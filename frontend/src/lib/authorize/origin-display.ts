/**
 * How the authorize screen shows the dapp's origin. The user decides whom to trust by reading it,
 * so it must never wrap somewhere that changes how it reads (in the middle of a label, a port, or
 * at a hyphen). It may wrap only after "://" and after the dots of the host; the last label keeps
 * its port ("localhost:4943" stays together).
 */
export function originPieces(origin: string): string[] {
  const m = /^([a-z][a-z0-9+.-]*:\/\/)(.+)$/i.exec(origin);
  if (!m) return [origin];
  const [, scheme, rest] = m;
  // An IPv6 literal ("[::1]:8080") is one piece: its colons are not break points.
  if (rest.startsWith('[')) return [scheme, rest];
  const labels = rest.split('.');
  return [scheme, ...labels.map((l, i) => (i < labels.length - 1 ? `${l}.` : l))];
}
