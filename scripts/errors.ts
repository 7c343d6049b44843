/** The repository scripts' one error class and code table (`npm start`, the build). */
export const SCRIPT_ERRORS = {
  II_ERR_SCRIPT_PORT: 'a port cannot be used',
  II_ERR_SCRIPT_ENV: 'an environment variable has an invalid value',
  II_ERR_SCRIPT_OPTION: 'an unknown command-line option',
  II_ERR_SCRIPT_MISSING_BUILD: 'a build output is missing',
  II_ERR_SCRIPT_BUILD: 'a workspace build failed',
} as const;

export type ScriptErrorCode = keyof typeof SCRIPT_ERRORS;

/** A user's mistake or the machine's state: printed as one line, no stack trace. */
export class ScriptError extends Error {
  readonly code: ScriptErrorCode;

  constructor(code: ScriptErrorCode, message: string) {
    super(message);
    this.name = 'ScriptError';
    this.code = code;
  }
}
