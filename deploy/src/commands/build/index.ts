/** `build [--version V]`: the reproducible release build into releases/<V>/ (see release.ts). */
import { type Manifest, buildRelease, defaultVersion } from '../../release.js';

export function build(
  releasesDir: string,
  version: string | undefined,
  allowDirty: boolean,
  log: (l: string) => void,
): Manifest {
  return buildRelease({ releasesDir, version: version ?? defaultVersion(), allowDirty, log })
    .manifest;
}
