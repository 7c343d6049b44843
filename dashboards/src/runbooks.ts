/**
 * Where each alert's runbook is: `runbooks/<alert-name-in-kebab-case>.md` in this repository, as
 * kubernetes-mixin derives runbook URLs from alert names. A fork changes RUNBOOKS_URL and runs
 * `npm run generate -w dashboards`.
 */
export const RUNBOOKS_URL =
  'https://github.com/internet-identity-ts/internet-identity-ts/blob/main/runbooks';

/** `ProbeFailing` → `probe-failing`. */
export function runbookSlug(alertName: string): string {
  return alertName.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

export function runbookUrl(alertName: string): string {
  return `${RUNBOOKS_URL}/${runbookSlug(alertName)}.md`;
}
