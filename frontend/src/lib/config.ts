/**
 * The page's deployment configuration. The canister fills `<script id="ii-config"
 * type="application/json">` when it serves index.html, so one build runs on mainnet and localnet.
 */
import { Principal } from '@dfinity/principal';
import { FrontendError, type FrontendErrorCode } from './errors.js';
import { z } from './zod.js';

export interface PageConfig {
  /** The Internet Identity canister (text form). */
  canisterId: string;
  /** Where the IC HTTP API is; null = the page's own origin. */
  apiHost: string | null;
  /** Development networks only: trust the network's root key instead of the mainnet key. */
  fetchRootKey: boolean;
  /**
   * Whether registration asks for a captcha: only the test flavor's canister says (undefined
   * elsewhere), so its page can register without a click when it does not.
   */
  captcha?: boolean;
}

/** The page cannot run; its message is shown on the page as it is. */
export class ConfigError extends FrontendError {
  override name = 'ConfigError';
  constructor(
    override readonly code: Extract<FrontendErrorCode, `config_${string}`>,
    message: string,
  ) {
    super(code, undefined, undefined, message);
  }
}

export const CONFIG_ELEMENT_ID = 'ii-config';
/** What the template holds before the canister substitutes it (e.g. a page opened from disk). */
export const CONFIG_PLACEHOLDER = '__II_CONFIG__';

const schema = z.object({
  canisterId: z.string().refine((s) => {
    try {
      return Principal.fromText(s).toText() === s;
    } catch {
      return false;
    }
  }, 'not a canister id'),
  apiHost: z
    .string()
    .refine((s) => URL.canParse(s), 'not a URL')
    .nullable()
    .optional(),
  fetchRootKey: z.boolean().optional(),
  captcha: z.boolean().optional(),
});

export function readPageConfig(doc: Pick<Document, 'getElementById'> = document): PageConfig {
  const el = doc.getElementById(CONFIG_ELEMENT_ID);
  if (!el)
    throw new ConfigError(
      'config_missing',
      `The page has no <script id="${CONFIG_ELEMENT_ID}"> element.`,
    );
  const text = (el.textContent ?? '').trim();
  if (text === '' || text.includes(CONFIG_PLACEHOLDER)) {
    throw new ConfigError(
      'config_unfilled',
      'The page configuration was not filled in: open Internet Identity through its canister, not as a file.',
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ConfigError('config_not_json', 'The page configuration is not valid JSON.');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(
      'config_invalid',
      `The page configuration is invalid: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
    );
  }
  return {
    canisterId: parsed.data.canisterId,
    apiHost: parsed.data.apiHost ?? null,
    fetchRootKey: parsed.data.fetchRootKey ?? false,
    ...(parsed.data.captcha === undefined ? {} : { captcha: parsed.data.captcha }),
  };
}
