/** The identity that controls a target: anonymous (localnet's default) or an Ed25519 PEM key. */
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { AnonymousIdentity, type Identity } from '@dfinity/agent';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { DeployError } from './errors.js';

export function loadIdentity(spec: string): Identity {
  if (spec === 'anonymous') return new AnonymousIdentity();
  let pem: string;
  try {
    pem = readFileSync(spec, 'utf8');
  } catch (e) {
    throw new DeployError(
      'II_ERR_DEPLOY_CONFIG',
      `cannot read the identity ${spec}: ${(e as NodeJS.ErrnoException).code ?? e}`,
    );
  }
  try {
    const jwk = createPrivateKey(pem).export({ format: 'jwk' });
    if (jwk.crv !== 'Ed25519' || !jwk.d) throw new Error('not an Ed25519 key');
    return Ed25519KeyIdentity.fromSecretKey(Buffer.from(jwk.d, 'base64url'));
  } catch (e) {
    throw new DeployError(
      'II_ERR_DEPLOY_CONFIG',
      `${spec} is not an Ed25519 PEM key: ${(e as Error).message}`,
    );
  }
}
