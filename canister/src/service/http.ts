/** What the canister tells about itself: `stats`, its HTTP interface (assets, /metrics). */
import { Principal } from '@dfinity/principal';
import type { HttpRequestT, HttpResponseT, InternetIdentityStatsT } from '../candid.js';
import { assetCertificateTree } from '../certification/index.js';
import type { MetricsInput } from '../http/metrics.js';
import { handleHttpRequest } from '../http/router.js';
import type { ServiceContext } from './context.js';

export class HttpInterface {
  constructor(private readonly ctx: ServiceContext) {}

  stats(): InternetIdentityStatsT {
    const s = this.ctx.state;
    return {
      users_registered: s.anchorCount,
      storage_layout_version: this.ctx.recordVersion,
      assigned_user_number_range: [s.anchorRange.lo, s.anchorRange.hi],
      archive_info: {
        archive_canister: s.archiveCanister ? [Principal.fromUint8Array(s.archiveCanister)] : [],
        archive_config: s.archiveConfig
          ? [
              {
                module_hash: s.archiveConfig.moduleHash,
                entries_buffer_limit: s.archiveConfig.entriesBufferLimit,
                entries_fetch_limit: s.archiveConfig.entriesFetchLimit,
                polling_interval_ns: s.archiveConfig.pollingIntervalNs,
              },
            ]
          : [],
      },
      canister_creation_cycles_cost: s.canisterCreationCyclesCost ?? 0n,
      event_aggregations: [],
    };
  }

  request(request: HttpRequestT): HttpResponseT {
    const sigTreeHash = this.ctx.signatures.rootHash();
    return handleHttpRequest(request, {
      assets: this.ctx.assets,
      certificate: this.ctx.env.dataCertificate(),
      withSigSide: (witness) => assetCertificateTree(witness, sigTreeHash),
      metrics: () => this.metrics(),
    });
  }

  metrics(): MetricsInput {
    const ctx = this.ctx;
    const now = ctx.env.now();
    const s = ctx.state;
    const limit = ctx.rateLimit.config;
    return {
      userCount: s.anchorCount,
      minUserNumber: s.anchorRange.lo,
      maxUserNumber: s.anchorRange.hi - 1n,
      signatureCount: ctx.signatures.count(),
      stableMemoryPages: ctx.storage.stableMemoryPages(),
      lastUpgradeTimestampNs: s.lastUpgradeTimestamp ?? 0n,
      inflightChallenges: ctx.captchas.inflight(now),
      usersInRegistrationMode: ctx.registrations.usersInRegistrationMode(now),
      delegationCounter: ctx.counters.delegations,
      anchorOperationsCounter: ctx.counters.anchorOperations,
      registerRateLimit: {
        maxTokens: limit.maxTokens,
        timePerTokenSeconds: limit.timePerTokenNs / 1_000_000_000n,
        currentTokens: ctx.rateLimit.currentTokens(now),
      },
      ...(ctx.archiving()
        ? {
            archive: {
              sequenceNumber: s.archiveSequenceNumber ?? 0n,
              bufferedEntries: ctx.storage.archiveBufferLength(),
              entriesBufferLimit: s.archiveConfig!.entriesBufferLimit,
              entriesFetchLimit: s.archiveConfig!.entriesFetchLimit,
              pollingIntervalSeconds: s.archiveConfig!.pollingIntervalNs / 1_000_000_000n,
            },
          }
        : {}),
      registrations: {
        v1: s.anchorCount - (s.v2Registrations ?? 0n),
        v2: s.v2Registrations ?? 0n,
      },
      prepareIdAliasCounter: ctx.counters.idAliases,
      v2Calls: [...ctx.v2Calls].sort(([a], [b]) => (a < b ? -1 : 1)),
      gitCommit: ctx.gitCommit,
      flavor: ctx.flavor,
      timestampMs: now / 1_000_000n,
    };
  }
}
