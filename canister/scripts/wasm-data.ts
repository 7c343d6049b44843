/**
 * Azle writes the absolute path of its build root into the module (`mainJsPath` in the JSON it
 * keeps in a passive data segment), so the bytes would depend on where the checkout is, and
 * `ii-deploy verify` rebuilds in another directory. This step rewrites that JSON with a path
 * relative to the canister folder, and the two functions that carry the segment's length, so any
 * checkout of a commit builds the same module.
 */
import binaryen from 'binaryen';
import { CanisterError } from '../src/canister-error.js';
import { CANISTER_BUILD_ERRORS } from '../src/build-errors.js';

interface SegmentsApi {
  getNumDataSegments(): number;
  getDataSegmentByIndex(i: number): number;
  getDataSegmentInfo(ref: number): {
    name: string;
    offset: number | null;
    passive: boolean;
    data: ArrayBuffer;
  };
}

/**
 * The name of the one function whose body passes `test`; anything else is an error. The tests read
 * expression infos, not printed text: printing every body of an Azle module takes seconds.
 */
function findFunction(
  module: binaryen.Module,
  test: (body: binaryen.ExpressionRef) => boolean,
): string {
  const found: string[] = [];
  for (let i = 0; i < module.getNumFunctions(); i++) {
    const info = binaryen.getFunctionInfo(module.getFunctionByIndex(i));
    if (info.body && test(info.body)) found.push(info.name);
  }
  if (found.length !== 1)
    throw new CanisterError(
      'II_ERR_BUILD_SHIM',
      `${CANISTER_BUILD_ERRORS.II_ERR_BUILD_SHIM}: expected one Azle wasm-data function, found ${found.length}`,
    );
  return found[0]!;
}

export function normalizeWasmData(wasm: Uint8Array, canister: string): Uint8Array {
  const module = binaryen.readBinary(wasm);
  try {
    const memory = module.getMemoryInfo();
    // binaryen 132's data-segment API, which its typings do not list yet.
    const segmentsApi = module as unknown as SegmentsApi;
    const segments: { offset: number; data: Uint8Array; passive: boolean }[] = [];
    let index = -1;
    let name = '';
    let json: Record<string, unknown> | undefined;
    let oldLength = 0;
    for (let i = 0; i < segmentsApi.getNumDataSegments(); i++) {
      const s = segmentsApi.getDataSegmentInfo(segmentsApi.getDataSegmentByIndex(i));
      const data = new Uint8Array(s.data);
      segments.push({
        offset: s.passive ? 0 : module.i32.const(s.offset as number),
        data,
        passive: s.passive,
      });
      const text = s.passive ? Buffer.from(data.subarray(0, 11)).toString('utf8') : '';
      if (text === '{"envVars":') {
        index = i;
        name = s.name;
        json = JSON.parse(Buffer.from(data).toString('utf8')) as Record<string, unknown>;
        oldLength = data.length;
      }
    }
    if (!json || index < 0)
      throw new CanisterError(
        'II_ERR_BUILD_SHIM',
        `${CANISTER_BUILD_ERRORS.II_ERR_BUILD_SHIM}: no Azle wasm data segment`,
      );
    json.mainJsPath = `/canister/.azle/${canister}/main.js`;
    const data = new Uint8Array(Buffer.from(JSON.stringify(json)));
    segments[index] = { ...segments[index]!, data };
    // Renumbering would break the names the functions refer to: the segment keeps its place.
    module.setMemory(memory.initial, memory.max ?? -1, null, segments);
    // Azle's size and init functions for this segment lost their names when Azle emitted the
    // module; they are the one returning the old length and the one that memory.inits it.
    // Ids first: getExpressionInfo does not know every kind of expression.
    const size = findFunction(
      module,
      (body) =>
        binaryen.getExpressionId(body) === binaryen.ConstId &&
        binaryen.getExpressionType(body) === binaryen.i32 &&
        (binaryen.getExpressionInfo(body) as binaryen.ConstInfo).value === oldLength,
    );
    const init = findFunction(module, (body) => {
      if (binaryen.getExpressionId(body) !== binaryen.BlockId) return false;
      const first = (binaryen.getExpressionInfo(body) as binaryen.BlockInfo).children[0];
      return (
        first !== undefined &&
        binaryen.getExpressionId(first) === binaryen.MemoryInitId &&
        (binaryen.getExpressionInfo(first) as binaryen.MemoryInitInfo).segment === name
      );
    });
    module.removeFunction(size);
    module.addFunction(size, binaryen.none, binaryen.i32, [], module.i32.const(data.length));
    module.removeFunction(init);
    module.addFunction(
      init,
      binaryen.createType([binaryen.i32]),
      binaryen.none,
      [],
      module.block(null, [
        module.memory.init(
          name,
          module.local.get(0, binaryen.i32),
          module.i32.const(0),
          module.i32.const(data.length),
        ),
        module.data.drop(name),
      ]),
    );
    if (!module.validate())
      throw new CanisterError(
        'II_ERR_BUILD_SHIM',
        `${CANISTER_BUILD_ERRORS.II_ERR_BUILD_SHIM}: the module does not validate`,
      );
    return module.emitBinary();
  } finally {
    module.dispose();
  }
}
