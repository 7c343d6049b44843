/** Tests of archive/: the log's storage in memory. */
import type { ArchiveStorage } from './archive-log.js';

export class MemoryArchiveStorage implements ArchiveStorage {
  readonly log = new Map<bigint, Uint8Array>();
  readonly counts = new Map<bigint, bigint>();
  readonly index = new Map<string, bigint>();
  last: bigint | undefined;

  logLength = () => BigInt(this.log.size);
  logGet = (p: bigint) => this.log.get(p);
  logAppend = (p: bigint, r: Uint8Array) => void this.log.set(p, r);
  anchorCount = (a: bigint) => this.counts.get(a) ?? 0n;
  setAnchorCount = (a: bigint, n: bigint) => void this.counts.set(a, n);
  anchorPosition = (a: bigint, o: bigint) => this.index.get(`${a}/${o}`);
  setAnchorPosition = (a: bigint, o: bigint, p: bigint) => void this.index.set(`${a}/${o}`, p);
  lastSequenceNumber = () => this.last;
  setLastSequenceNumber = (n: bigint) => void (this.last = n);
}
