/**
 * The Azle entry of the archive canister: the methods of candid.ts's `archiveServiceMethods`, one
 * line each (the strict argument check and decoding of src/entry/canister-class.ts apply here
 * too). On install and upgrade it takes its `ArchiveInit` from II's deploy_archive and starts
 * pulling II's entries every `polling_interval_ns`.
 */
import { IDL, Principal, call, clearTimer, setTimerInterval, time } from 'azle';
import * as C from '../src/candid.js';
import {
  type CanisterDefinition,
  type ServiceHandlers,
  canisterClass,
  methodsOf,
} from '../src/entry/canister-class.js';
import { ArchiveService } from './service.js';
import { StableArchiveStorage } from './state.js';

class ArchiveCanister {
  readonly storage = new StableArchiveStorage();
  #service: ArchiveService | undefined;
  #timer: bigint | undefined;

  get service(): ArchiveService {
    if (!this.#service) throw new Error('the archive is not initialised');
    return this.#service;
  }

  start(init: C.ArchiveInitT): void {
    this.storage.writeConfig(new Uint8Array(IDL.encode(C.archiveInitArgTypes, [init])));
    const ii = init.ii_canister;
    this.#service = new ArchiveService(
      this.storage,
      init,
      {
        canisterId: () => ii.toUint8Array(),
        now: () => time(),
        fetchEntries: async () => {
          const reply = await call<Uint8Array, Uint8Array>(ii, 'fetch_entries', { raw: true });
          return IDL.decode(
            C.serviceMethods.fetch_entries.retTypes,
            reply,
          )[0] as unknown as C.BufferedArchiveEntryT[];
        },
        acknowledgeEntries: async (sequenceNumber) => {
          await call<Uint8Array, Uint8Array>(ii, 'acknowledge_entries', {
            raw: true,
            args: new Uint8Array(IDL.encode([IDL.Nat64], [sequenceNumber])),
          });
        },
      },
      (bytes) => Principal.fromUint8Array(bytes),
    );
    if (this.#timer !== undefined) clearTimer(this.#timer);
    // Azle's interval is in whole seconds: at least one.
    const seconds = Math.max(1, Number(init.polling_interval_ns / 1_000_000_000n));
    this.#timer = setTimerInterval(seconds, () => this.service.poller.poll());
  }

  definition(): CanisterDefinition {
    const archive = () => this.service;
    const methods: ServiceHandlers<C.ArchiveService> = {
      get_entries: (index, limit) => archive().getEntries(index, limit),
      get_anchor_entries: (anchor, cursor, limit) =>
        archive().getAnchorEntries(anchor, cursor, limit),
      status: () => archive().status(),
      http_request: (request) => archive().httpRequest(request),
    };
    return {
      initArgTypes: C.archiveInitArgTypes,
      init: (init) => this.start(init as C.ArchiveInitT),
      postUpgrade: (init) => this.start(init as C.ArchiveInitT),
      preUpgrade: () => undefined,
      methods: methodsOf(C.archiveServiceMethods, methods),
    };
  }
}

export default canisterClass(new ArchiveCanister().definition());
