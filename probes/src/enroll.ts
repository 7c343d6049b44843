/**
 * Gives the probe its own identity on a target. Where the captcha is off, a fresh anchor is
 * registered through the API; elsewhere the probe joins an existing anchor through the spec's
 * remote-device flow (its owner opens device registration mode, the probe adds itself tentatively
 * and shows a code, the owner types it). Then one passkey per hostname is added, and the
 * principal the test dapp will see is recorded. Secrets go only to the credentials file (0600).
 */
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { iiActor } from '@ii/client';
import type { DeviceDataT } from '@ii/client';
import type { Target } from './config.js';
import { type ProbeCredentials, newPasskey, writeCredentials } from './credentials.js';
import { ProbeError } from './errors.js';
import { targetAgent } from './target-client.js';

export interface EnrollOptions {
  target: Target;
  /** Join this anchor (remote-device flow) instead of registering a new one. */
  anchor?: bigint;
  force?: boolean;
  /** Progress for the operator (stderr); the verification code goes here. */
  log: (line: string) => void;
  /** How long to wait for the owner to type the code. */
  verifyTimeoutMs?: number;
}

export interface Enrolled {
  target: string;
  anchor: string;
  hostnames: string[];
  credentials: string;
}

const enrollError = (message: string) => new ProbeError('II_ERR_PROBE_ENROLL', message);

function keyDevice(identity: Ed25519KeyIdentity): DeviceDataT {
  return {
    pubkey: new Uint8Array(identity.getPublicKey().toDer()),
    alias: 'probe key',
    credential_id: [],
    purpose: { authentication: null },
    key_type: { unknown: null },
    protection: { unprotected: null },
    origin: [],
    metadata: [],
    aaguid: [],
  };
}

export async function enroll(options: EnrollOptions): Promise<Enrolled> {
  const { target, log } = options;
  if (!target.credentials)
    throw enrollError('the target has no credentials path (--credentials FILE)');
  const device = Ed25519KeyIdentity.generate();
  const anonymous = iiActor(await targetAgent(target), target.canisterId);
  const asDevice = iiActor(await targetAgent(target, device), target.canisterId);
  let anchor: bigint;
  if (options.anchor !== undefined) {
    anchor = options.anchor;
    const added = await asDevice.add_tentative_device(anchor, keyDevice(device));
    if ('device_registration_mode_off' in added)
      throw enrollError(
        `anchor ${anchor} is not in device registration mode: its owner must choose "Add a new device" in Internet Identity first`,
      );
    if ('another_device_tentatively_added' in added)
      throw enrollError(`another device is already waiting on anchor ${anchor}: try again later`);
    const { verification_code } = added.added_tentatively;
    log(`On a device of anchor ${anchor}, enter the verification code ${verification_code}`);
    const pubkey = Buffer.from(keyDevice(device).pubkey).toString('hex');
    const deadline = Date.now() + (options.verifyTimeoutMs ?? 15 * 60_000);
    for (;;) {
      const devices = await anonymous.lookup(anchor);
      if (devices.some((d) => Buffer.from(d.pubkey).toString('hex') === pubkey)) break;
      if (Date.now() > deadline) throw enrollError('the code was not entered in time');
      await new Promise((r) => setTimeout(r, 2_000));
    }
  } else {
    if (target.captcha)
      throw enrollError(
        `${target.name} asks for a captcha: enroll onto an existing anchor with --anchor N`,
      );
    const registered = await asDevice.register(keyDevice(device), { key: '', chars: '' }, []);
    if (!('registered' in registered))
      throw enrollError(`register answered ${Object.keys(registered)[0]}`);
    anchor = registered.registered.user_number;
  }
  log(`enrolled on anchor ${anchor}; adding a passkey per hostname`);
  const passkeys: ProbeCredentials['passkeys'] = [];
  for (const hostname of target.hostnames) {
    const passkey = await newPasskey(hostname);
    await asDevice.add(anchor, {
      pubkey: passkey.pubkeyDer,
      alias: `probe ${hostname}`.slice(0, 64),
      credential_id: [passkey.credentialId],
      purpose: { authentication: null },
      key_type: { cross_platform: null },
      protection: { unprotected: null },
      origin: [`https://${hostname}`],
      metadata: [],
      aaguid: [],
    });
    passkeys.push({ hostname, credential: passkey.credential });
  }
  const dappOrigin = new URL(target.dappUrl).origin;
  const principal = await asDevice.get_principal(anchor, dappOrigin);
  writeCredentials(
    target.credentials,
    {
      version: 1,
      target: target.name,
      canisterId: target.canisterId,
      anchor: anchor.toString(),
      deviceKey: device.toJSON(),
      passkeys,
      principals: { [dappOrigin]: principal.toText() },
      enrolledAt: new Date().toISOString(),
    },
    options.force,
  );
  return {
    target: target.name,
    anchor: anchor.toString(),
    hostnames: target.hostnames,
    credentials: target.credentials,
  };
}
