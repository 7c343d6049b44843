/**
 * A BENCHMARK-ONLY build of Internet Identity: the real canister (src/main.ts) plus `bench_fill`,
 * which writes anchors straight to stable memory so bench/methods-bench.ts can reach 1,000,000
 * anchors in minutes instead of hours of `register` calls. Built into dist-bench/ only
 * (II_CANISTER=internet_identity_bench); scripts/build.ts refuses to write it to dist/.
 */
import { IDL } from 'azle';
import { allocateAnchorNumber, deviceFromCandid, registerAnchor } from '../../src/anchors/index.js';
import * as C from '../../src/candid.js';
import { canisterClass } from '../../src/entry/canister-class.js';
import { BUILD_RECORD_VERSION } from '../../src/generated/build-info.js';
import { canister } from '../../src/main.js';
import {
  decodePersistentState,
  encodeAnchor,
  encodePersistentState,
} from '../../src/storage/index.js';
import { parseRecordVersion } from '../../src/storage/record-version.js';

/**
 * Registers `count` more anchors, each with `device`, exactly as `register` would store them
 * (same allocation, validation and record codec), without captcha, rate limit or caller checks.
 * Returns the anchor count afterwards.
 */
function benchFill(deviceData: C.DeviceDataT, count: number): bigint {
  const { storage } = canister;
  const stored = storage.readPersistentState();
  const decoded = stored && decodePersistentState(stored);
  if (!decoded || !decoded.ok) throw new Error('bench_fill: no persistent state');
  const state = decoded.value;
  const device = deviceFromCandid(deviceData);
  const version = parseRecordVersion(String(BUILD_RECORD_VERSION));
  let anchorCount = state.anchorCount;
  for (let i = 0; i < count; i++) {
    const allocation = allocateAnchorNumber({ range: state.anchorRange, count: anchorCount });
    if (allocation.kind === 'canister_full') throw new Error('bench_fill: canister full');
    const result = registerAnchor(allocation.number, device);
    if (!result.ok) throw new Error(`bench_fill: ${result.error.message}`);
    storage.writeAnchor(allocation.number, encodeAnchor(result.anchor, version));
    anchorCount = allocation.allocation.count;
  }
  storage.writePersistentState(encodePersistentState({ ...state, anchorCount }));
  // Restart the service the way an upgrade does, so it reads the new count.
  canister.start([]);
  return anchorCount;
}

const base = canister.definition();
export default canisterClass({
  ...base,
  methods: {
    ...base.methods,
    bench_fill: {
      func: IDL.Func([C.DeviceData, IDL.Nat32], [IDL.Nat64], []),
      handler: (device: C.DeviceDataT, count: number) => benchFill(device, count),
    },
  },
});
