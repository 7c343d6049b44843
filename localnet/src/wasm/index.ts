export * from './types.js';
export { CanisterRuntime } from './runtime.js';
export type { GlobalValue, LoadOptions, RuntimeSnapshot, SerializedRuntime } from './runtime.js';
export {
  DEFAULT_MAX_STABLE_BYTES,
  STABLE_PAGE_BYTES,
  StableMemory,
  type SerializedStableMemory,
} from './stable-memory.js';
export {
  InvalidModuleError,
  RuntimeUsageError,
  StableMemoryError,
  WasmParseError,
  isInstructionLimitError,
  limitTrap,
} from './errors.js';
export { wasmHash } from './module-cache.js';
export { IC_INSTRUCTION_LIMITS, instructionLimitFor } from './metering.js';
