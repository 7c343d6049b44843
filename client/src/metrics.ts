/**
 * A canister's `/metrics` (Prometheus text format) read and parsed, and II's `stats`. The parser
 * takes what exporters write: `# HELP`/`# TYPE` lines, `name{label="value",…} number [timestamp]`.
 */
import { ClientError } from './errors.js';
import { type Network, canisterHttpUrl } from './network.js';

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*,?\s*/g;

/**
 * A sample's value as Prometheus reads it (Go's ParseFloat): special values in any case, so
 * prom-client's `Nan` (an event-loop gauge before its first sample) is NaN, not an error.
 */
function parseValue(text: string): number | undefined {
  const special: Record<string, number> = {
    nan: NaN,
    inf: Infinity,
    '+inf': Infinity,
    '-inf': -Infinity,
  };
  const lower = text.toLowerCase();
  if (lower in special) return special[lower];
  const value = Number(text);
  return Number.isNaN(value) ? undefined : value;
}

export function parseMetrics(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = LINE.exec(line);
    if (!m) throw new ClientError('II_ERR_CLIENT_METRICS', line.slice(0, 120));
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(LABEL))
      labels[l[1]!] = l[2]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    const value = parseValue(m[3]!);
    if (value === undefined) throw new ClientError('II_ERR_CLIENT_METRICS', line.slice(0, 120));
    samples.push({ name: m[1]!, labels, value });
  }
  return samples;
}

/** The first sample named `name` (with `labels` among its labels), or undefined. */
export function metric(
  samples: readonly Sample[],
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  return samples.find(
    (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  )?.value;
}

/** Fetches and parses `/metrics` of `canisterId` through the network's HTTP gateway. */
export async function fetchMetrics(net: Network, canisterId: string): Promise<Sample[]> {
  const res = await fetch(canisterHttpUrl(net, canisterId, '/metrics'));
  if (!res.ok) throw new ClientError('II_ERR_CLIENT_HTTP', `/metrics answered ${res.status}`);
  return parseMetrics(await res.text());
}
