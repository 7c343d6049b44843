/**
 * Turns a table of Candid methods into the class Azle exports, so an entry file is a table of
 * one-line handlers instead of a decorated method per Candid method.
 *
 * Every method is registered with Azle's `manual` option: the handler here reads the raw argument,
 * checks it strictly (candid-check/validate.ts: Azle's decoder silently truncates blobs and would
 * loop over a huge `vec reserved`), decodes it against the method's Candid types, runs the handler
 * and replies. Any failure traps with its message, so the call changes nothing.
 */
import {
  IDL,
  init,
  msgArgData,
  msgReply,
  postUpgrade,
  preUpgrade,
  query,
  trap,
  update,
} from 'azle';
import { validateCandidMessage } from '../candid-check/validate.js';
import { ReplyEncoder } from './reply-encoding.js';
import { Utf8Encoder } from '../utf8-encoder.js';

// Handlers take the decoded Candid values; their types come from the service interface.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Handler = (...args: any[]) => unknown;

export interface CanisterMethod {
  /** The method's Candid signature; `query` in its annotations makes it a query. */
  func: IDL.FuncClass;
  /** Returns the single result, the tuple of results when the method has several, or nothing. */
  handler: Handler;
}

/**
 * One handler per method of a service interface `S` (an actor interface: each method returns a
 * promise of its result), typed from it: the handler gets the decoded arguments and returns the
 * result, or a promise of it.
 */
export type ServiceHandlers<S> = {
  [K in keyof S]: S[K] extends (...args: infer A) => Promise<infer R>
    ? (...args: A) => R | Promise<R>
    : never;
};

/** The methods of `service` (Candid signatures by name), each served by its handler. */
export function methodsOf<S>(
  service: Readonly<Record<keyof S & string, IDL.FuncClass>>,
  handlers: ServiceHandlers<S>,
): Record<string, CanisterMethod> {
  const methods: Record<string, CanisterMethod> = {};
  for (const name of Object.keys(service) as Array<keyof S & string>)
    methods[name] = { func: service[name], handler: handlers[name] as Handler };
  return methods;
}

export interface CanisterDefinition {
  methods: Readonly<Record<string, CanisterMethod>>;
  /** The argument types of `canister_init` and `canister_post_upgrade`. */
  initArgTypes: IDL.Type[];
  init(...args: unknown[]): void;
  postUpgrade(...args: unknown[]): void;
  preUpgrade(): void;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** `()`: what an install or upgrade without an argument means. */
const NO_ARGUMENTS = new Uint8Array([0x44, 0x49, 0x44, 0x4c, 0, 0]);

/** The call's argument, checked and decoded; traps (no state touched yet) when it is not valid. */
export function decodeArgument(types: IDL.Type[], emptyMeansNone = false): unknown[] {
  const raw = msgArgData();
  const bytes = emptyMeansNone && raw.length === 0 ? NO_ARGUMENTS : raw;
  try {
    validateCandidMessage(bytes);
    return IDL.decode(types, bytes);
  } catch (error) {
    trap(`failed to decode call arguments: ${message(error)}`);
  }
}

function encodeResult(encoder: ReplyEncoder, result: unknown): Uint8Array {
  const n = encoder.types.length;
  return encoder.encode(n === 0 ? [] : n === 1 ? [result] : (result as unknown[]));
}

async function serve(method: CanisterMethod, encoder: ReplyEncoder): Promise<void> {
  const args = decodeArgument(method.func.argTypes);
  let result: unknown;
  try {
    result = await method.handler(...args);
  } catch (error) {
    trap(message(error));
  }
  msgReply(encodeResult(encoder, result));
}

function lifecycle(fn: () => void): () => void {
  return () => {
    try {
      fn();
    } catch (error) {
      trap(message(error));
    }
  };
}

type Initializer = (this: unknown) => void;
type Decorator = (method: Handler, context: ClassMethodDecoratorContext) => void;

/**
 * Azle finds a canister's methods by instantiating the exported class, whose method decorators
 * register them through `context.addInitializer`. The decorators are applied here by hand, with a
 * context carrying what they read (kind, name, addInitializer), and the class runs the collected
 * initializers when constructed.
 */
export function canisterClass(definition: CanisterDefinition): new () => object {
  // Runs when Azle evaluates the bundle (install, upgrade), so what is built here persists and
  // every message, queries included, starts with it.
  globalThis.TextEncoder = Utf8Encoder as unknown as typeof TextEncoder;
  const initializers: Initializer[] = [];
  const register = (decorator: Decorator, name: string, fn: Handler) =>
    decorator(fn, {
      kind: 'method',
      name,
      static: false,
      private: false,
      metadata: {},
      access: { has: () => true, get: () => fn },
      addInitializer: (i: Initializer) => initializers.push(i),
    } as unknown as ClassMethodDecoratorContext);

  const initTypes = definition.initArgTypes;
  register(init(initTypes, { manual: true }) as Decorator, 'init', () =>
    lifecycle(() => definition.init(...decodeArgument(initTypes, true)))(),
  );
  register(postUpgrade(initTypes, { manual: true }) as Decorator, 'postUpgrade', () =>
    lifecycle(() => definition.postUpgrade(...decodeArgument(initTypes, true)))(),
  );
  register(preUpgrade as unknown as Decorator, 'preUpgrade', lifecycle(definition.preUpgrade));
  for (const [name, method] of Object.entries(definition.methods)) {
    const ret = method.func.retTypes.length === 1 ? method.func.retTypes[0] : undefined;
    const options = { manual: true };
    const decorator = method.func.annotations.includes('query')
      ? query(method.func.argTypes, ret, options)
      : update(method.func.argTypes, ret, options);
    const encoder = new ReplyEncoder(method.func.retTypes);
    register(decorator as Decorator, name, () => serve(method, encoder));
  }

  return class InternetIdentityCanister {
    constructor() {
      for (const i of initializers) i.call(this);
    }
  };
}
