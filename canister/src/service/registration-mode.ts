/**
 * Device registration mode (the spec's remote-device flow): the owner opens it, a new device adds
 * itself tentatively and shows a code, the owner verifies the code.
 */
import { addDevice, verificationCodeFromRandomness } from '../anchors/index.js';
import type {
  AddTentativeDeviceResponseT,
  DeviceDataT,
  VerifyTentativeDeviceResponseT,
} from '../candid.js';
import type { ServiceContext } from './context.js';
import { ServiceError } from './ports.js';

export class DeviceRegistration {
  constructor(private readonly ctx: ServiceContext) {}

  async enter(anchorNumber: bigint): Promise<bigint> {
    await this.ctx.ensureSalt();
    this.ctx.authenticated(anchorNumber);
    return this.ctx.registrations.enter(anchorNumber, this.ctx.env.now());
  }

  async exit(anchorNumber: bigint): Promise<void> {
    await this.ctx.ensureSalt();
    this.ctx.authenticated(anchorNumber);
    this.ctx.registrations.exit(anchorNumber);
  }

  /** Anyone may add a tentative device; it cannot be used until verified by the anchor's owner. */
  async addTentative(
    anchorNumber: bigint,
    deviceData: DeviceDataT,
  ): Promise<AddTentativeDeviceResponseT> {
    const ctx = this.ctx;
    await ctx.ensureSalt();
    const device = ctx.device(deviceData);
    if (!ctx.readAnchor(anchorNumber))
      throw new ServiceError('AnchorNotFound', `anchor ${anchorNumber} does not exist`);
    // Check the mode before paying for a raw_rand call.
    if (!ctx.registrations.info(anchorNumber, ctx.env.now()))
      return { device_registration_mode_off: null };
    const code = verificationCodeFromRandomness(await ctx.env.rawRand());
    const result = ctx.registrations.addTentative(anchorNumber, device, ctx.env.now(), code);
    switch (result.kind) {
      case 'added_tentatively':
        return {
          added_tentatively: {
            verification_code: result.verificationCode,
            device_registration_timeout: result.deviceRegistrationTimeout,
          },
        };
      case 'device_registration_mode_off':
        return { device_registration_mode_off: null };
      case 'another_device_tentatively_added':
        return { another_device_tentatively_added: null };
    }
  }

  async verify(anchorNumber: bigint, code: string): Promise<VerifyTentativeDeviceResponseT> {
    await this.ctx.ensureSalt();
    const { anchor } = this.ctx.authenticated(anchorNumber);
    const result = this.ctx.registrations.verify(anchorNumber, code, this.ctx.env.now());
    switch (result.kind) {
      case 'verified':
        // A failure here traps, which also undoes the verification above.
        this.ctx.apply(addDevice(anchor, result.device));
        return { verified: null };
      case 'wrong_code':
        return { wrong_code: { retries_left: result.retriesLeft } };
      case 'device_registration_mode_off':
        return { device_registration_mode_off: null };
      case 'no_device_to_verify':
        return { no_device_to_verify: null };
    }
  }
}
