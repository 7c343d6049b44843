/**
 * icp0.io and ic0.app serve the same canisters; II derives principals from the ic0.app name so a
 * dapp keeps its users' principals on both gateways (spec "Identity design and data model").
 */
const ICP0_ORIGIN = /^https:\/\/([\w-]+(?:\.raw)?)\.icp0\.io$/;

/** `https://<id>(.raw)?.icp0.io` → `https://<id>(.raw)?.ic0.app`; any other origin unchanged. */
export function remapToLegacyDomain(origin: string): string {
  const m = ICP0_ORIGIN.exec(origin);
  return m ? `https://${m[1]}.ic0.app` : origin;
}
