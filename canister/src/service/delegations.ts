/** Delegations: prepare (certifies a signature), get (reads it with the data certificate), principal. */
import type { GetDelegationResponseT } from '../candid.js';
import { getDelegation, getPrincipal, prepareDelegation } from '../delegation/index.js';
import type { ServiceContext } from './context.js';
import { ServiceError } from './ports.js';

export class Delegations {
  constructor(private readonly ctx: ServiceContext) {}

  async prepare(
    anchorNumber: bigint,
    frontend: string,
    sessionKey: Uint8Array,
    maxTimeToLive: bigint | undefined,
  ): Promise<[Uint8Array, bigint]> {
    const ctx = this.ctx;
    await ctx.ensureSalt();
    ctx.authenticated(anchorNumber, true);
    const result = prepareDelegation(ctx.delegationContext(), {
      anchorNumber,
      frontendHostname: frontend,
      sessionKey,
      maxTimeToLive,
      now: ctx.env.now(),
    });
    if (!result.ok) throw new ServiceError(result.error.code, result.error.message);
    ctx.env.setCertifiedData(result.value.certifiedData);
    ctx.counters.delegations++;
    return [result.value.userKey, result.value.expiration];
  }

  get(
    anchorNumber: bigint,
    frontend: string,
    sessionKey: Uint8Array,
    expiration: bigint,
  ): GetDelegationResponseT {
    this.ctx.authenticated(anchorNumber);
    const result = getDelegation(this.ctx.delegationContext(), {
      anchorNumber,
      frontendHostname: frontend,
      sessionKey,
      expiration,
      certificate: this.ctx.env.dataCertificate(),
    });
    if (!result.ok) throw new ServiceError(result.error.code, result.error.message);
    return result.value;
  }

  principal(anchorNumber: bigint, frontend: string): Uint8Array {
    this.ctx.authenticated(anchorNumber);
    const result = getPrincipal(this.ctx.delegationContext(), anchorNumber, frontend);
    if (!result.ok) throw new ServiceError(result.error.code, result.error.message);
    return result.value;
  }
}
