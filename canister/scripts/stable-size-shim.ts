/**
 * Post-processes the wasm Azle built so the canister can read its stable memory size (for
 * internet_identity_stable_memory_pages). Azle 0.33's stable-mode API binds no `ic0.stable64_size`,
 * and its other bindings check their arguments before reaching ic0 (performanceCounter accepts
 * only 0 and 1), so the shim takes the one binding Internet Identity has no use for,
 * `canisterVersion()`, and replaces the `ic0.canister_version` import behind it with a function
 * that returns `ic0.stable64_size()`. The module then no longer imports `canister_version` at all.
 *
 * Binaryen refers to functions by name, so a defined function with the import's name redirects
 * every existing call without touching their bodies.
 */
import binaryen from 'binaryen';
import { CanisterError } from '../src/canister-error.js';
import { CANISTER_BUILD_ERRORS } from '../src/build-errors.js';

const STABLE_SIZE_NAME = 'ii$ic0.stable64_size';

/** The build step refused its input; one code, the message says what was wrong. */
export class StableSizeShimError extends CanisterError {
  constructor(detail: string) {
    super('II_ERR_BUILD_SHIM', `${CANISTER_BUILD_ERRORS.II_ERR_BUILD_SHIM}: ${detail}`);
    this.name = 'StableSizeShimError';
  }
}

interface ImportedFunction {
  name: string;
  params: number;
  results: number;
}

function findImport(module: binaryen.Module, base: string): ImportedFunction | undefined {
  for (let i = 0; i < module.getNumFunctions(); i++) {
    const info = binaryen.getFunctionInfo(module.getFunctionByIndex(i));
    if (info.module === 'ic0' && info.base === base)
      return { name: info.name, params: info.params, results: info.results };
  }
  return undefined;
}

/**
 * Returns the shimmed module; throws StableSizeShimError when the input is not a module it can
 * patch (including one already shimmed: it no longer imports canister_version).
 */
export function routeCanisterVersionToStableSize(wasm: Uint8Array): Uint8Array {
  let module: binaryen.Module;
  try {
    module = binaryen.readBinary(wasm);
  } catch (error) {
    throw new StableSizeShimError(`not a wasm module binaryen can read: ${String(error)}`);
  }
  try {
    const version = findImport(module, 'canister_version');
    if (!version)
      throw new StableSizeShimError(
        'the module does not import ic0.canister_version (not built by Azle, or already shimmed)',
      );
    if (version.params !== binaryen.none || version.results !== binaryen.i64)
      throw new StableSizeShimError('ic0.canister_version has an unexpected signature');

    let stableSize = findImport(module, 'stable64_size')?.name;
    if (!stableSize) {
      stableSize = STABLE_SIZE_NAME;
      module.addFunctionImport(stableSize, 'ic0', 'stable64_size', binaryen.none, binaryen.i64);
    }
    module.removeFunction(version.name);
    module.addFunction(
      version.name,
      binaryen.none,
      binaryen.i64,
      [],
      module.call(stableSize, [], binaryen.i64),
    );
    if (!module.validate()) throw new StableSizeShimError('the shimmed module does not validate');
    return module.emitBinary();
  } finally {
    module.dispose();
  }
}
