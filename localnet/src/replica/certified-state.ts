import { encodeWithSelfDescribedTag } from '@dfinity/cbor';
import type { Principal } from '@dfinity/principal';
import {
  type Certifier,
  type Path,
  StateTree,
  encodeLeb128,
  signQueryResponse,
  signQueryResponseAsync,
  writeSubnetState,
} from '../certification/index.js';
import type { Canister } from './canister.js';
import { Clock } from './clock.js';
import { CANISTER_RANGE } from './ids.js';
import { moduleMetadata } from './module-metadata.js';
import type { CallResult } from './reject.js';

const utf8 = (s: string) => new TextEncoder().encode(s);

function queryResponse(result: CallResult) {
  return result.kind === 'reply'
    ? ({ status: 'replied', reply: { arg: result.data } } as const)
    : ({
        status: 'rejected',
        reject_code: result.code,
        reject_message: result.message,
        error_code: result.errorCode ?? 'IC0500',
      } as const);
}

/**
 * The IC's certified state for localnet: `time`, `subnet`, `request_status` and `canister` subtrees
 * in one StateTree, with the paths and encodings the interface specification gives them.
 */
export class CertifiedState {
  readonly tree = new StateTree();
  readonly certifier: Certifier;
  #time = 0n;

  constructor(certifier: Certifier) {
    this.certifier = certifier;
    writeSubnetState(this.tree, certifier, [CANISTER_RANGE]);
    this.setTime(Clock.wallNs());
  }

  get rootKeyDer(): Uint8Array {
    return this.certifier.rootKeyDer;
  }

  get subnetId(): Principal {
    return this.certifier.subnetId;
  }

  /** The certified time (ns). */
  get time(): bigint {
    return this.#time;
  }

  setTime(ns: bigint): void {
    this.#time = ns;
    this.tree.set(['time'], encodeLeb128(ns));
  }

  setRequestStatus(requestId: Uint8Array, result: CallResult): void {
    const base = ['request_status', requestId] as const;
    this.tree.delete(base);
    if (result.kind === 'reply') {
      this.tree.set([...base, 'status'], utf8('replied'));
      this.tree.set([...base, 'reply'], result.data);
    } else {
      this.tree.set([...base, 'status'], utf8('rejected'));
      this.tree.set([...base, 'reject_code'], encodeLeb128(result.code));
      this.tree.set([...base, 'reject_message'], utf8(result.message));
      if (result.errorCode) this.tree.set([...base, 'error_code'], utf8(result.errorCode));
    }
  }

  /** After its expiry a request keeps only `status = done`, as on the IC. */
  setRequestDone(requestId: Uint8Array): void {
    const base = ['request_status', requestId] as const;
    this.tree.delete(base);
    this.tree.set([...base, 'status'], utf8('done'));
  }

  removeRequest(requestId: Uint8Array): void {
    this.tree.delete(['request_status', requestId]);
  }

  hasFinalStatus(requestId: Uint8Array): boolean {
    return this.tree.has(['request_status', requestId, 'status']);
  }

  /** Writes a canister's certified fields: certified_data, module_hash, controllers, metadata. */
  setCanister(canister: Canister): void {
    const base = ['canister', canister.id.toUint8Array()] as const;
    this.tree.delete(base);
    this.tree.set([...base, 'certified_data'], canister.certifiedData);
    this.tree.set(
      [...base, 'controllers'],
      encodeWithSelfDescribedTag(canister.controllers.map((c) => c.toUint8Array())),
    );
    if (canister.module) {
      this.tree.set([...base, 'module_hash'], canister.module.hash);
      for (const section of moduleMetadata(canister.module.wasm)) {
        this.tree.set([...base, 'metadata', section.name], section.content);
      }
    }
  }

  removeCanister(id: Principal): void {
    this.tree.delete(['canister', id.toUint8Array()]);
  }

  /** A certificate revealing `paths` (and always `time`), one BLS signature per distinct state. */
  certificate(paths: readonly Path[]): Uint8Array {
    return this.certifier.certify(this.tree, paths);
  }

  /** The certificate ic0.data_certificate returns in a query: the canister's certified_data and time. */
  dataCertificate(canisterId: Principal): Uint8Array {
    return this.certificate([['canister', canisterId.toUint8Array(), 'certified_data']]);
  }

  /** A query response body with this node's signature, as the agent verifies it. */
  signQueryResponse(requestId: Uint8Array, result: CallResult): Record<string, unknown> {
    const response = queryResponse(result);
    const signature = signQueryResponse(this.certifier.node, response, requestId, Clock.wallNs());
    return { ...response, signatures: [signature] };
  }

  /** The same, signed off the event loop (the /query route). */
  async signQueryResponseAsync(
    requestId: Uint8Array,
    result: CallResult,
  ): Promise<Record<string, unknown>> {
    const response = queryResponse(result);
    const signature = await signQueryResponseAsync(
      this.certifier.node,
      response,
      requestId,
      Clock.wallNs(),
    );
    return { ...response, signatures: [signature] };
  }
}
