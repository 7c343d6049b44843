/**
 * `build [--version V] [--flavor test]`: the reproducible release build into releases/<V>/ (see
 * release.ts); `--flavor test` releases the test build, which no target accepts.
 */
import { type Manifest, buildRelease, defaultVersion } from '../../release.js';

export async function build(
  releasesDir: string,
  version: string | undefined,
  allowDirty: boolean,
  log: (l: string) => void,
  flavor: 'production' | 'test' = 'production',
): Promise<Manifest> {
  const release = await buildRelease({
    releasesDir,
    version: version ?? defaultVersion(),
    allowDirty,
    flavor,
    log,
  });
  return release.manifest;
}
