// The test dapp canister (Azle): who-am-I methods for relying-party tests, and its frontend served
// with v2 certification, including a configurable `/.well-known/ii-alternative-origins`.
import {
  IDL,
  type Principal,
  StableBTreeMap,
  canisterSelf,
  certifiedDataSet,
  dataCertificate,
  init,
  isController,
  msgCaller,
  postUpgrade,
  query,
  trap,
  update,
} from 'azle';
import {
  HttpRequest,
  HttpResponse,
  InitArg,
  type HttpRequestT,
  type HttpResponseT,
} from './candid.js';
import type { InitArgT } from './candid.js';
// Written by scripts/build.ts under dist/ (ignored by git, lint and format).
import { ASSETS } from '../../dist/generated/assets.js';
import { handleHttpRequest } from './http.js';
import { applyInitArg, parseSettings, type Settings } from './settings.js';
import { buildSite, type Site } from './site.js';

const SETTINGS_KEY = 'settings';

export default class {
  // Stable memory, so runtime changes (alternative origins) survive upgrades.
  stored = new StableBTreeMap<string, string>(0);
  site: Site | undefined;

  private load(): Settings {
    return parseSettings(this.stored.get(SETTINGS_KEY));
  }

  private apply(settings: Settings): void {
    this.stored.insert(SETTINGS_KEY, JSON.stringify(settings));
    this.site = buildSite({
      assets: ASSETS,
      page: {
        canisterId: canisterSelf().toText(),
        iiUrl: settings.iiUrl,
        fetchRootKey: settings.fetchRootKey,
      },
      alternativeOrigins: settings.alternativeOrigins,
    });
    certifiedDataSet(this.site.rootHash);
  }

  @init([IDL.Opt(InitArg)])
  init(arg: [] | [InitArgT]): void {
    this.apply(applyInitArg(this.load(), arg));
  }

  @postUpgrade([IDL.Opt(InitArg)])
  postUpgrade(arg: [] | [InitArgT]): void {
    this.apply(applyInitArg(this.load(), arg));
  }

  /** The caller as text: what a relying party sees of a logged-in user. */
  @query([], IDL.Text)
  whoami(): string {
    return msgCaller().toText();
  }

  @update([], IDL.Principal)
  whoami_update(): Principal {
    return msgCaller();
  }

  /** Replaces the served alternative-origins body (verbatim) and re-certifies. Controllers only. */
  @update([IDL.Text])
  set_alternative_origins(json: string): void {
    if (!isController(msgCaller()))
      trap(`set_alternative_origins: caller ${msgCaller().toText()} is not a controller`);
    this.apply({ ...this.load(), alternativeOrigins: json });
  }

  @query([HttpRequest], HttpResponse)
  http_request(request: HttpRequestT): HttpResponseT {
    if (this.site === undefined) trap('http_request: site not built');
    return handleHttpRequest(request, this.site, dataCertificate());
  }
}
