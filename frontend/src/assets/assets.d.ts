// Vite turns an imported asset into its URL: `assets/<name>-<hash>.<ext>` (vite.static-build.ts),
// a name that changes with the content, so the canister serves it as immutable.
declare module '*.svg' {
  const url: string;
  export default url;
}
