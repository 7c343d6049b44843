import { describe, expect, it } from 'vitest';
import { escapeLabelValue, formatValue, renderMetrics, type MetricsInput } from './metrics.js';

const INPUT: MetricsInput = {
  userCount: 12n,
  minUserNumber: 10_000n,
  maxUserNumber: 8_000_000_000n,
  signatureCount: 2,
  stableMemoryPages: 17n,
  lastUpgradeTimestampNs: 1_700_000_000_123_456_789n,
  inflightChallenges: 3,
  usersInRegistrationMode: 1,
  delegationCounter: 5n,
  anchorOperationsCounter: 42n,
  registerRateLimit: { maxTokens: 100n, timePerTokenSeconds: 10, currentTokens: 97n },
  registrations: { v1: 9n, v2: 3n },
  prepareIdAliasCounter: 4n,
  v2Calls: [
    ['authn_method_add', 2n],
    ['identity_register', 3n],
  ],
  gitCommit: 'deadbeef"\\\nx',
  timestampMs: 1_700_000_000_123n,
};

const REQUIRED = [
  'user_count',
  'min_user_number',
  'max_user_number',
  'signature_count',
  'stable_memory_pages',
  'last_upgrade_timestamp',
  'inflight_challenges',
  'users_in_registration_mode',
  'delegation_counter',
  'anchor_operations_counter',
  'register_rate_limit_max_tokens',
  'register_rate_limit_time_per_tokens_seconds',
  'register_rate_limit_current_tokens',
  'registrations',
  'prepare_id_alias_counter',
  'v2_calls_counter',
  'build_info',
].map((n) => `internet_identity_${n}`);

interface Parsed {
  name: string;
  labels: Record<string, string>;
  value: number;
  timestamp?: number;
}

// A strict reader of the text format 0.0.4: every sample needs HELP and TYPE first.
function parse(text: string): Map<string, Parsed> {
  expect(text.endsWith('\n')).toBe(true);
  const out = new Map<string, Parsed>();
  const help = new Set<string>();
  const type = new Set<string>();
  const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
  const LABELS = `\\{((?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\\\\n]|\\\\[\\\\"n])*",?)*)\\}`;
  const sample = new RegExp(`^(${NAME})(?:${LABELS})? (\\S+)(?: (-?\\d+))?$`);
  for (const line of text.slice(0, -1).split('\n')) {
    let m: RegExpMatchArray | null;
    if ((m = line.match(new RegExp(`^# HELP (${NAME}) (.*)$`)))) {
      expect(help.has(m[1]), `duplicate HELP ${m[1]}`).toBe(false);
      help.add(m[1]);
    } else if (
      (m = line.match(new RegExp(`^# TYPE (${NAME}) (counter|gauge|histogram|summary|untyped)$`)))
    ) {
      expect(help.has(m[1]), `TYPE before HELP ${m[1]}`).toBe(true);
      type.add(m[1]);
    } else if ((m = line.match(sample))) {
      const [, name, labelText, value, ts] = m;
      expect(type.has(name), `sample before TYPE: ${name}`).toBe(true);
      const labels: Record<string, string> = {};
      for (const l of (labelText ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g))
        labels[l[1]] = l[2].replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
      expect(Number.isNaN(Number(value)) && value !== 'NaN', `value ${value}`).toBe(false);
      out.set(name, { name, labels, value: Number(value), timestamp: ts ? Number(ts) : undefined });
    } else {
      throw new Error(`not a valid exposition line: ${JSON.stringify(line)}`);
    }
  }
  return out;
}

describe('renderMetrics', () => {
  it('renders every required metric in strict text format', () => {
    const parsed = parse(renderMetrics(INPUT));
    for (const name of REQUIRED) expect(parsed.has(name), name).toBe(true);
    expect(parsed.get('internet_identity_user_count')!.value).toBe(12);
    expect(parsed.get('internet_identity_max_user_number')!.value).toBe(8_000_000_000);
    expect(parsed.get('internet_identity_user_count')!.timestamp).toBe(1_700_000_000_123);
    const info = parsed.get('internet_identity_build_info')!;
    expect(info.value).toBe(1);
    expect(info.labels.git_commit).toBe(INPUT.gitCommit);
    expect(info.labels.flavor).toBe('production');
  });

  it('labels build_info with the flavor (the test build says so)', () => {
    const info = parse(renderMetrics({ ...INPUT, flavor: 'test' })).get(
      'internet_identity_build_info',
    )!;
    expect(info.labels).toMatchObject({ git_commit: INPUT.gitCommit, flavor: 'test' });
  });

  it('keeps ns timestamps exact (bigint, no float rounding)', () => {
    expect(renderMetrics(INPUT)).toContain(
      'internet_identity_last_upgrade_timestamp 1700000000123456789 1700000000123\n',
    );
  });

  it('omits the rate limit when there is none, and the timestamp when not given', () => {
    const text = renderMetrics({ ...INPUT, registerRateLimit: undefined, timestampMs: undefined });
    const parsed = parse(text);
    expect(parsed.has('internet_identity_register_rate_limit_max_tokens')).toBe(false);
    expect(parsed.get('internet_identity_user_count')!.timestamp).toBeUndefined();
  });

  it('renders the archive figures once it exists, and the v2 figures by label under one HELP', () => {
    expect(parse(renderMetrics(INPUT)).has('internet_identity_buffered_archive_entries')).toBe(
      false,
    );
    const text = renderMetrics({
      ...INPUT,
      archive: {
        sequenceNumber: 17n,
        bufferedEntries: 5n,
        entriesBufferLimit: 10_000n,
        entriesFetchLimit: 100,
        pollingIntervalSeconds: 1n,
      },
    });
    const parsed = parse(text);
    expect(parsed.get('internet_identity_archive_sequence_number')!.value).toBe(17);
    expect(parsed.get('internet_identity_buffered_archive_entries')!.value).toBe(5);
    expect(parsed.get('internet_identity_archive_config_entries_buffer_limit')!.value).toBe(10_000);
    expect(parsed.get('internet_identity_archive_config_fetch_limit')!.value).toBe(100);
    expect(parsed.get('internet_identity_archive_config_polling_interval_seconds')!.value).toBe(1);
    expect(text).toContain('internet_identity_registrations{api="v1"} 9 ');
    expect(text).toContain('internet_identity_registrations{api="v2"} 3 ');
    expect(text).toContain('internet_identity_v2_calls_counter{method="authn_method_add"} 2 ');
    expect(text).toContain('internet_identity_v2_calls_counter{method="identity_register"} 3 ');
    expect(text.match(/# HELP internet_identity_registrations /g)).toHaveLength(1);
  });

  it('escapes label values and formats special numbers', () => {
    expect(escapeLabelValue('a"b\\c\nd')).toBe('a\\"b\\\\c\\nd');
    // Each character alone is found too (the fast path looks before it replaces).
    expect(['"', '\\', '\n'].map(escapeLabelValue)).toEqual(['\\"', '\\\\', '\\n']);
    expect(escapeLabelValue('plain_value-1.2')).toBe('plain_value-1.2');
    expect(formatValue(Infinity)).toBe('+Inf');
    expect(formatValue(-Infinity)).toBe('-Inf');
    expect(formatValue(NaN)).toBe('NaN');
    expect(formatValue(2n ** 64n)).toBe('18446744073709551616');
  });
});
