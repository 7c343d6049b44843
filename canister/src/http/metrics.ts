// /metrics in the Prometheus text exposition format 0.0.4. Uncertified (served with the v2
// skip expression): the values change with every call.

export interface MetricsInput {
  userCount: bigint | number;
  minUserNumber: bigint | number;
  maxUserNumber: bigint | number;
  signatureCount: bigint | number;
  /** Stable memory size in 64 KiB pages (ic0.stable64_size). */
  stableMemoryPages: bigint | number;
  /** ns since the epoch, as ic0.time(). */
  lastUpgradeTimestampNs: bigint | number;
  inflightChallenges: bigint | number;
  usersInRegistrationMode: bigint | number;
  /** Since the last upgrade. */
  delegationCounter: bigint | number;
  /** Since the last upgrade. */
  anchorOperationsCounter: bigint | number;
  /** Absent when registration is not rate limited. */
  registerRateLimit?: {
    maxTokens: bigint | number;
    timePerTokenSeconds: bigint | number;
    currentTokens: bigint | number;
  };
  /** The archive's figures, once deploy_archive has created it (absent before). */
  archive?: {
    /** The sequence number the next entry gets (= entries made since the archive exists). */
    sequenceNumber: bigint | number;
    bufferedEntries: bigint | number;
    entriesBufferLimit: bigint | number;
    entriesFetchLimit: bigint | number;
    pollingIntervalSeconds: bigint | number;
  };
  /** Anchors registered through each API (v1 `register`, v2 `identity_register`). */
  registrations: { v1: bigint | number; v2: bigint | number };
  /** prepare_id_alias calls since the last upgrade. */
  prepareIdAliasCounter: bigint | number;
  /** Successful calls of each v2 method since the last upgrade (method → count). */
  v2Calls: ReadonlyArray<readonly [string, bigint | number]>;
  /** The commit the wasm was built from (label of internet_identity_build_info). */
  gitCommit: string;
  /** The build flavor (label of internet_identity_build_info); absent = production. */
  flavor?: string;
  /** Sample timestamp in ms (ic0.time() / 1e6); omitted from the output when absent. */
  timestampMs?: bigint | number;
}

export const METRIC_PREFIX = 'internet_identity_';

/** One gauge sample; samples of one name (different labels) share their HELP and TYPE lines. */
export interface Sample {
  name: string;
  help: string;
  value: bigint | number;
  labels?: Record<string, string>;
}

// Regular expressions are slow in the canister's JavaScript engine and texts needing an escape are
// rare: look for the characters first (/metrics: 79.0 → 77.3 M instructions).
const has = (v: string, chars: string): boolean => {
  for (let i = 0; i < chars.length; i++) if (v.indexOf(chars[i]) >= 0) return true;
  return false;
};

/** Label values escape `\`, `"` and newlines (exposition format spec). */
export function escapeLabelValue(v: string): string {
  if (!has(v, '\\\n"')) return v;
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

/** HELP text escapes `\` and newlines. */
const escapeHelp = (v: string): string =>
  has(v, '\\\n') ? v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n') : v;

export function formatValue(v: bigint | number): string {
  if (typeof v === 'bigint') return v.toString();
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

function samples(m: MetricsInput): Sample[] {
  const out: Sample[] = [
    {
      name: 'user_count',
      help: 'Number of users (anchors) registered in this canister.',
      value: m.userCount,
    },
    {
      name: 'min_user_number',
      help: 'The lowest anchor number this canister can assign.',
      value: m.minUserNumber,
    },
    {
      name: 'max_user_number',
      help: 'The highest anchor number this canister can assign.',
      value: m.maxUserNumber,
    },
    {
      name: 'signature_count',
      help: 'Number of active signatures (for delegations) in the signature map.',
      value: m.signatureCount,
    },
    {
      name: 'stable_memory_pages',
      help: 'Size of stable memory in 64 KiB pages (ic0.stable64_size).',
      value: m.stableMemoryPages,
    },
    {
      name: 'last_upgrade_timestamp',
      help: 'Time of the last install or upgrade, in ns since the epoch.',
      value: m.lastUpgradeTimestampNs,
    },
    {
      name: 'inflight_challenges',
      help: 'Number of captcha challenges not yet used or expired.',
      value: m.inflightChallenges,
    },
    {
      name: 'users_in_registration_mode',
      help: 'Number of anchors with device registration mode enabled.',
      value: m.usersInRegistrationMode,
    },
    {
      name: 'delegation_counter',
      help: 'Number of delegations created since the last upgrade.',
      value: m.delegationCounter,
    },
    {
      name: 'anchor_operations_counter',
      help: 'Number of anchor operations since the last upgrade.',
      value: m.anchorOperationsCounter,
    },
  ];
  if (m.registerRateLimit) {
    const r = m.registerRateLimit;
    out.push(
      {
        name: 'register_rate_limit_max_tokens',
        help: 'Maximum registrations the rate limit allows in a burst.',
        value: r.maxTokens,
      },
      {
        name: 'register_rate_limit_time_per_tokens_seconds',
        help: 'Seconds for one registration token to be replenished.',
        value: r.timePerTokenSeconds,
      },
      {
        name: 'register_rate_limit_current_tokens',
        help: 'Registration tokens currently available.',
        value: r.currentTokens,
      },
    );
  }
  if (m.archive) {
    const a = m.archive;
    out.push(
      {
        name: 'archive_sequence_number',
        help: 'The sequence number the next archive entry gets (entries made since the archive was created).',
        value: a.sequenceNumber,
      },
      {
        name: 'buffered_archive_entries',
        help: 'Archive entries waiting for the archive to fetch and acknowledge them.',
        value: a.bufferedEntries,
      },
      {
        name: 'archive_config_entries_buffer_limit',
        help: 'Buffered archive entries at which anchor operations are refused.',
        value: a.entriesBufferLimit,
      },
      {
        name: 'archive_config_fetch_limit',
        help: 'Entries the archive fetches per call at most.',
        value: a.entriesFetchLimit,
      },
      {
        name: 'archive_config_polling_interval_seconds',
        help: 'How often the archive fetches entries, in seconds.',
        value: a.pollingIntervalSeconds,
      },
    );
  }
  for (const api of ['v1', 'v2'] as const) {
    out.push({
      name: 'registrations',
      help: 'Anchors registered, by API (v1 register, v2 identity_register).',
      value: m.registrations[api],
      labels: { api },
    });
  }
  out.push({
    name: 'prepare_id_alias_counter',
    help: 'Number of prepare_id_alias calls since the last upgrade.',
    value: m.prepareIdAliasCounter,
  });
  for (const [method, count] of m.v2Calls) {
    out.push({
      name: 'v2_calls_counter',
      help: 'Successful calls of each v2 API method since the last upgrade.',
      value: count,
      labels: { method },
    });
  }
  out.push({
    name: 'build_info',
    help: 'Build information; the value is always 1.',
    value: 1,
    labels: { git_commit: m.gitCommit, flavor: m.flavor ?? 'production' },
  });
  return out;
}

/** Renders every metric as a gauge with HELP and TYPE lines; ends with a newline. */
export function renderMetrics(m: MetricsInput): string {
  return renderGauges(samples(m), m.timestampMs);
}

/**
 * Renders gauges (names prefixed `internet_identity_`), HELP and TYPE once per name, in the
 * order given; ends with a newline. The archive canister's /metrics uses it too.
 */
export function renderGauges(samples: readonly Sample[], timestampMs?: bigint | number): string {
  const ts = timestampMs === undefined ? '' : ` ${formatValue(timestampMs)}`;
  const lines: string[] = [];
  const described = new Set<string>();
  for (const s of samples) {
    const name = METRIC_PREFIX + s.name;
    const labels = s.labels
      ? `{${Object.entries(s.labels)
          .map(([k, v]) => `${k}="${escapeLabelValue(v)}"`)
          .join(',')}}`
      : '';
    if (!described.has(name)) {
      described.add(name);
      lines.push(`# HELP ${name} ${escapeHelp(s.help)}`, `# TYPE ${name} gauge`);
    }
    lines.push(`${name}${labels} ${formatValue(s.value)}${ts}`);
  }
  return lines.join('\n') + '\n';
}
