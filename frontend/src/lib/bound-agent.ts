/**
 * One `HttpAgent` per page, many callers: a `BoundAgent` signs with its own identity but shares
 * the page agent's root key and its cache of subnet node keys. Without it every login made a new
 * agent, which fetched the root key again and ran another `read_state /subnet` (a BLS-verified
 * certificate) before its first query. Every certificate and query signature is still verified:
 * the shared agent does that, only the inputs it caches are reused.
 */
import type {
  Agent,
  ApiQueryResponse,
  CallOptions,
  HttpAgent,
  Identity,
  QueryFields,
  ReadStateOptions,
  ReadStateResponse,
  SubmitResponse,
} from '@dfinity/agent';
import type { Principal } from '@dfinity/principal';

export class BoundAgent implements Agent {
  constructor(
    readonly shared: HttpAgent,
    private readonly identity: Identity,
  ) {}

  get rootKey(): Uint8Array | null {
    return this.shared.rootKey;
  }

  getPrincipal(): Promise<Principal> {
    return Promise.resolve(this.identity.getPrincipal());
  }

  createReadStateRequest(options: ReadStateOptions, identity?: Identity): Promise<unknown> {
    return this.shared.createReadStateRequest(options, identity ?? this.identity);
  }

  async readState(
    effectiveCanisterId: Principal | string,
    options: ReadStateOptions,
    identity?: Identity,
    request?: unknown,
  ): Promise<ReadStateResponse> {
    // HttpAgent.readState signs with its own identity unless given a signed request: sign here,
    // since `request_status` paths may only be read by the request's sender.
    const signed = request ?? (await this.createReadStateRequest(options, identity));
    return this.shared.readState(effectiveCanisterId, options, undefined, signed);
  }

  call(canisterId: Principal | string, fields: CallOptions): Promise<SubmitResponse> {
    return this.shared.call(canisterId, fields, this.identity);
  }

  status(): ReturnType<Agent['status']> {
    return this.shared.status();
  }

  query(
    canisterId: Principal | string,
    options: QueryFields,
    identity?: Identity | Promise<Identity>,
  ): Promise<ApiQueryResponse> {
    return this.shared.query(canisterId, options, identity ?? this.identity);
  }

  fetchRootKey(): Promise<Uint8Array> {
    return this.shared.fetchRootKey();
  }
}
