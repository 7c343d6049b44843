/**
 * Attribute sharing: prepare_id_alias (certifies the two credentials' signatures) and
 * get_id_alias (returns them signed, with the data certificate). The caller must be one of the
 * identity's devices; refusals are the spec's `Err` cases (delegation/id-alias.ts has the format).
 */
import { Principal } from '@dfinity/principal';
import type {
  GetIdAliasRequestT,
  GetIdAliasResponseT,
  PrepareIdAliasRequestT,
  PrepareIdAliasResponseT,
  SignedIdAliasT,
} from '../candid.js';
import { type SignedIdAlias, getIdAlias, prepareIdAlias } from '../delegation/index.js';
import type { ServiceContext } from './context.js';
import { isAuthorizationFailure } from './identities.js';
import { ServiceError } from './ports.js';

const candid = (s: SignedIdAlias): SignedIdAliasT => ({
  credential_jws: s.credentialJws,
  id_alias: Principal.fromUint8Array(s.idAlias),
  id_dapp: Principal.fromUint8Array(s.idDapp),
});

export class IdAlias {
  constructor(private readonly ctx: ServiceContext) {}

  /** `Unauthorized` or `InternalCanisterError` for a caller that may not act for the identity. */
  private refusal(error: unknown) {
    if (isAuthorizationFailure(error))
      return { Err: { Unauthorized: this.ctx.callerPrincipal() } } as const;
    if (error instanceof ServiceError)
      return { Err: { InternalCanisterError: error.message } } as const;
    throw error;
  }

  async prepare(req: PrepareIdAliasRequestT): Promise<PrepareIdAliasResponseT> {
    const ctx = this.ctx;
    await ctx.ensureSalt();
    try {
      ctx.authenticated(req.identity_number, true);
    } catch (error) {
      return this.refusal(error);
    }
    const result = prepareIdAlias(ctx.delegationContext(), {
      anchorNumber: req.identity_number,
      relyingParty: req.relying_party,
      issuer: req.issuer,
      now: ctx.env.now(),
    });
    if (!result.ok) return { Err: { InternalCanisterError: result.error.message } };
    ctx.env.setCertifiedData(result.value.certifiedData);
    ctx.counters.idAliases++;
    return {
      Ok: {
        rp_id_alias_jwt: result.value.rpJwt,
        issuer_id_alias_jwt: result.value.issuerJwt,
        canister_sig_pk_der: result.value.canisterSigPkDer,
      },
    };
  }

  get(req: GetIdAliasRequestT): GetIdAliasResponseT {
    const ctx = this.ctx;
    try {
      ctx.authenticated(req.identity_number);
    } catch (error) {
      return this.refusal(error);
    }
    const result = getIdAlias(ctx.delegationContext(), {
      anchorNumber: req.identity_number,
      relyingParty: req.relying_party,
      issuer: req.issuer,
      rpJwt: req.rp_id_alias_jwt,
      issuerJwt: req.issuer_id_alias_jwt,
      certificate: ctx.env.dataCertificate(),
    });
    if (!result.ok) return { Err: { InternalCanisterError: result.error.message } };
    const credentials = result.value;
    if (credentials.kind === 'no_such_credentials') {
      return {
        Err: {
          NoSuchCredentials: `the ${credentials.which === 'rp' ? "relying party's" : "issuer's"} credential is not prepared (expired, never prepared, or another JWT)`,
        },
      };
    }
    return {
      Ok: {
        rp_id_alias_credential: candid(credentials.rp),
        issuer_id_alias_credential: candid(credentials.issuer),
      },
    };
  }
}
