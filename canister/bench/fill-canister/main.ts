/**
 * A BENCHMARK-ONLY build of Internet Identity: the real canister (src/main.ts) plus `bench_fill`,
 * which writes anchors straight to stable memory so bench/methods-bench.ts can reach 1,000,000
 * anchors in minutes instead of hours of `register` calls. Built into dist-bench/ only
 * (II_CANISTER=internet_identity_bench); scripts/build.ts refuses to write it to dist/.
 */
import { IDL, trap, update } from 'azle';
import { allocateAnchorNumber, deviceFromCandid, registerAnchor } from '../../src/anchors/index.js';
import * as C from '../../src/candid.js';
import { BUILD_RECORD_VERSION } from '../../src/generated/build-info.js';
import InternetIdentityCanister from '../../src/main.js';
import {
  decodePersistentState,
  encodeAnchor,
  encodePersistentState,
} from '../../src/storage/index.js';
import { parseRecordVersion } from '../../src/storage/record-version.js';

export default class extends InternetIdentityCanister {
  /**
   * Registers `count` more anchors, each with `device`, exactly as `register` would store them
   * (same allocation, validation and record codec), without captcha, rate limit or caller checks.
   * Returns the anchor count afterwards.
   */
  @update([C.DeviceData, IDL.Nat32], IDL.Nat64)
  bench_fill(deviceData: C.DeviceDataT, count: number): bigint {
    const stored = this.storage.readPersistentState();
    const decoded = stored && decodePersistentState(stored);
    if (!decoded || !decoded.ok) trap('bench_fill: no persistent state');
    const state = decoded.value;
    const device = deviceFromCandid(deviceData);
    const version = parseRecordVersion(String(BUILD_RECORD_VERSION));
    let anchorCount = state.anchorCount;
    for (let i = 0; i < count; i++) {
      const allocation = allocateAnchorNumber({ range: state.anchorRange, count: anchorCount });
      if (allocation.kind === 'canister_full') trap('bench_fill: canister full');
      const result = registerAnchor(allocation.number, device);
      if (!result.ok) trap(`bench_fill: ${result.error.message}`);
      this.storage.writeAnchor(allocation.number, encodeAnchor(result.anchor, version));
      anchorCount = allocation.allocation.count;
    }
    this.storage.writePersistentState(encodePersistentState({ ...state, anchorCount }));
    // Restart the service the way an upgrade does, so it reads the new count.
    this.postUpgrade([]);
    return anchorCount;
  }
}
