/**
 * The archive canister's methods over its log and poller (no azle import: archive/main.ts gives
 * it stable memory, II's calls and the clock).
 */
import type {
  AnchorEntriesT,
  ArchiveInitT,
  ArchiveStatusT,
  CursorT,
  EntriesT,
  HttpRequestT,
  HttpResponseT,
} from '../src/candid.js';
import { type Sample, renderGauges } from '../src/http/metrics.js';
import { utf8 } from '../src/bytes.js';
import { ArchiveLog, type ArchiveStorage } from './archive-log.js';
import { type IiPort, Poller } from './poller.js';

export class ArchiveService {
  readonly log: ArchiveLog;
  readonly poller: Poller;

  constructor(
    private readonly storage: ArchiveStorage,
    readonly init: ArchiveInitT,
    private readonly ii: IiPort,
    toPrincipal: ConstructorParameters<typeof Poller>[3],
  ) {
    this.log = new ArchiveLog(storage);
    this.poller = new Poller(this.log, ii, init.error_buffer_limit, toPrincipal);
  }

  /** At most `max_entries_per_call` per query, whatever the caller asks for. */
  private limit(requested: [] | [number]): number {
    const max = this.init.max_entries_per_call;
    return requested.length === 1 ? Math.min(requested[0], max) : max;
  }

  getEntries(index: [] | [bigint], limit: [] | [number]): EntriesT {
    return { entries: this.log.entries(index[0], this.limit(limit)) };
  }

  getAnchorEntries(anchor: bigint, cursor: [] | [CursorT], limit: [] | [number]): AnchorEntriesT {
    return this.log.anchorEntries(anchor, cursor[0], this.limit(limit));
  }

  status(): ArchiveStatusT {
    const last = this.storage.lastSequenceNumber();
    const fetch = this.poller.lastSuccessfulFetch;
    return {
      init: this.init,
      call_info: {
        last_successful_fetch: fetch ? [fetch] : [],
        call_errors: [...this.poller.callErrors],
      },
      number_of_entries: this.log.length(),
      last_sequence_number: last === undefined ? [] : [last],
    };
  }

  metrics(): string {
    const fetch = this.poller.lastSuccessfulFetch;
    const last = this.storage.lastSequenceNumber();
    const samples: Sample[] = [
      {
        name: 'archive_entries',
        help: 'Entries stored in the archive.',
        value: this.log.length(),
      },
      {
        name: 'archive_last_sequence_number',
        help: 'The sequence number of the last entry stored (-1: none yet).',
        value: last ?? -1,
      },
      {
        name: 'archive_call_errors',
        help: 'Failed calls to II kept for status (the last error_buffer_limit).',
        value: this.poller.callErrors.length,
      },
    ];
    if (fetch) {
      samples.push(
        {
          name: 'archive_last_successful_fetch_timestamp_seconds',
          help: 'When the archive last fetched entries from II.',
          value: fetch.timestamp / 1_000_000_000n,
        },
        {
          name: 'archive_last_successful_fetch_entries',
          help: 'How many entries the last fetch returned.',
          value: fetch.number_of_entries,
        },
      );
    }
    return renderGauges(samples, this.ii.now() / 1_000_000n);
  }

  httpRequest(request: HttpRequestT): HttpResponseT {
    const path = request.url.split('?')[0];
    if (request.method.toUpperCase() === 'GET' && path === '/metrics') {
      return {
        status_code: 200,
        headers: [['Content-Type', 'text/plain; version=0.0.4; charset=utf-8']],
        body: utf8(this.metrics()),
        upgrade: [],
        streaming_strategy: [],
      };
    }
    return {
      status_code: 404,
      headers: [['Content-Type', 'text/plain; charset=utf-8']],
      body: utf8('Not found: the archive serves GET /metrics only.'),
      upgrade: [],
      streaming_strategy: [],
    };
  }
}
