/** `releases`: the releases built here, oldest first, with what their manifests say. */
import { type Manifest, listReleases } from '../../release.js';

export function releases(releasesDir: string): Manifest[] {
  return listReleases(releasesDir);
}
