/**
 * The release tool's one error class and code table. Each code has the exit code a script can rely
 * on: 2 a mistake in the command line, the config or the input (nothing changed), 3 refused by a
 * guard (nothing changed), 1 a release that went wrong (what was done is undone; see the log).
 */
export const DEPLOY_ERRORS = {
  II_ERR_DEPLOY_USAGE: { exit: 2, meaning: 'the command line is invalid' },
  II_ERR_DEPLOY_CONFIG: { exit: 2, meaning: 'the configuration is invalid' },
  II_ERR_DEPLOY_RELEASE: { exit: 2, meaning: 'the release is missing or broken' },
  II_ERR_DEPLOY_NETWORK: { exit: 2, meaning: 'the network cannot be reached' },
  II_ERR_DEPLOY_PREFLIGHT: { exit: 3, meaning: 'a preflight check refused the release' },
  II_ERR_DEPLOY_NO_CANARY: { exit: 3, meaning: 'no green canary verdict for this module' },
  II_ERR_DEPLOY_NOT_CONTROLLER: { exit: 3, meaning: 'the identity does not control the canister' },
  II_ERR_DEPLOY_DIRTY: { exit: 3, meaning: 'the working tree has uncommitted changes' },
  II_ERR_DEPLOY_UPGRADE: { exit: 1, meaning: 'the upgrade failed; the IC kept the old module' },
  II_ERR_DEPLOY_RED: { exit: 1, meaning: 'the probes failed; the release was rolled back' },
  II_ERR_DEPLOY_ROLLBACK: { exit: 1, meaning: 'rolling back failed' },
  II_ERR_DEPLOY_VERIFY: { exit: 1, meaning: 'the deployed module is not the rebuilt one' },
} as const;

export type DeployErrorCode = keyof typeof DEPLOY_ERRORS;

export class DeployError extends Error {
  readonly code: DeployErrorCode;

  constructor(code: DeployErrorCode, detail: string) {
    super(detail);
    this.name = 'DeployError';
    this.code = code;
  }

  get exitCode(): number {
    return DEPLOY_ERRORS[this.code].exit;
  }
}
