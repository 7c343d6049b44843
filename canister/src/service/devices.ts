/** An anchor's devices: add, update, replace, remove, and the three ways to read them. */
import {
  addDevice,
  deviceToCandid,
  deviceToCandidWithUsage,
  removeDevice,
  replaceDevice,
  updateDevice,
} from '../anchors/index.js';
import type { AnchorCredentialsT, DeviceDataT, IdentityAnchorInfoT } from '../candid.js';
import type { ServiceContext } from './context.js';

export class Devices {
  constructor(private readonly ctx: ServiceContext) {}

  async add(anchorNumber: bigint, deviceData: DeviceDataT): Promise<void> {
    await this.ctx.ensureSalt();
    const { anchor } = this.ctx.authenticated(anchorNumber);
    this.ctx.apply(addDevice(anchor, this.ctx.device(deviceData)));
  }

  async update(anchorNumber: bigint, key: Uint8Array, deviceData: DeviceDataT): Promise<void> {
    await this.ctx.ensureSalt();
    const { anchor, actor } = this.ctx.authenticated(anchorNumber);
    this.ctx.apply(updateDevice(anchor, key, this.ctx.device(deviceData), actor));
  }

  async replace(anchorNumber: bigint, key: Uint8Array, deviceData: DeviceDataT): Promise<void> {
    await this.ctx.ensureSalt();
    const { anchor, actor } = this.ctx.authenticated(anchorNumber);
    this.ctx.apply(replaceDevice(anchor, key, this.ctx.device(deviceData), actor));
  }

  async remove(anchorNumber: bigint, key: Uint8Array): Promise<void> {
    await this.ctx.ensureSalt();
    const { anchor, actor } = this.ctx.authenticated(anchorNumber);
    // Never refused for size: removing a device must stay possible for an anchor over a limit.
    this.ctx.apply(removeDevice(anchor, key, actor), { sizeLimit: false });
  }

  /** Anyone may look up an anchor's devices; aliases are blanked (privacy, as II does). */
  lookup(anchorNumber: bigint): DeviceDataT[] {
    const anchor = this.ctx.readAnchor(anchorNumber);
    return (anchor?.devices ?? []).map((d) => ({ ...deviceToCandid(d), alias: '' }));
  }

  getAnchorCredentials(anchorNumber: bigint): AnchorCredentialsT {
    const credentials: AnchorCredentialsT = {
      credentials: [],
      recovery_credentials: [],
      recovery_phrases: [],
    };
    for (const d of this.ctx.readAnchor(anchorNumber)?.devices ?? []) {
      if (d.keyType === 'seed_phrase') credentials.recovery_phrases.push(d.pubkey);
      else if (d.credentialId) {
        const entry = { credential_id: d.credentialId, pubkey: d.pubkey };
        (d.purpose === 'recovery'
          ? credentials.recovery_credentials
          : credentials.credentials
        ).push(entry);
      }
    }
    return credentials;
  }

  async getAnchorInfo(anchorNumber: bigint): Promise<IdentityAnchorInfoT> {
    await this.ctx.ensureSalt();
    const { anchor } = this.ctx.authenticated(anchorNumber);
    const registration = this.ctx.registrations.info(anchorNumber, this.ctx.env.now());
    return {
      devices: anchor.devices.map(deviceToCandidWithUsage),
      device_registration: registration
        ? [
            {
              expiration: registration.expiration,
              tentative_device: registration.tentativeDevice
                ? [deviceToCandid(registration.tentativeDevice)]
                : [],
            },
          ]
        : [],
    };
  }
}
