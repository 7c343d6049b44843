import type { Principal } from '@dfinity/principal';
import { type Canister, newCanister } from './canister.js';
import { ReplicaError } from './errors.js';
import { canisterIdFromIndex, inCanisterRange } from './ids.js';

/** Principal.toText (base32 and a checksum) costs more than a lookup: the /api routes hand the same object back. */
const texts = new WeakMap<Principal, string>();
function principalText(id: Principal): string {
  let text = texts.get(id);
  if (text === undefined) texts.set(id, (text = id.toText()));
  return text;
}

/**
 * The subnet's canisters by id: creation (at a specified id or the next free index), deletion, and
 * the canisters whose certified fields changed since the last round.
 */
export class CanisterRegistry {
  readonly byId = new Map<string, Canister>();
  #nextIndex = 0n;
  #dirty = new Set<Canister>();

  get(id: Principal | string): Canister | undefined {
    return this.byId.get(typeof id === 'string' ? id : principalText(id));
  }

  /** Whether the canister is still on the subnet (not deleted meanwhile). */
  isRegistered(canister: Canister): boolean {
    return this.byId.has(canister.idText);
  }

  /** Creates a canister, at `specifiedId` when given (provisional API), else at the next free index. */
  create(controllers: Principal[], cycles: bigint, specifiedId?: Principal): Canister {
    let id = specifiedId;
    if (id) {
      if (!inCanisterRange(id))
        throw new ReplicaError(`Specified id ${id.toText()} is not in the subnet's canister range`);
      if (this.byId.has(id.toText()))
        throw new ReplicaError(`Canister ${id.toText()} is already installed`);
    } else {
      do id = canisterIdFromIndex(this.#nextIndex++);
      while (this.byId.has(id.toText()));
    }
    const canister = newCanister(id, controllers, cycles);
    this.byId.set(canister.idText, canister);
    this.markDirty(canister);
    return canister;
  }

  delete(canister: Canister): void {
    this.byId.delete(canister.idText);
  }

  /** Marks a canister's certified fields (certified data, module hash, controllers) for the next round. */
  markDirty(canister: Canister): void {
    this.#dirty.add(canister);
  }

  /** The marked canisters still on the subnet; the marks are cleared. */
  takeDirty(): Canister[] {
    const dirty = [...this.#dirty].filter((canister) => this.isRegistered(canister));
    this.#dirty.clear();
    return dirty;
  }
}
