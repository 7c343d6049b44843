// Hash routes: `#/` landing, `#/manage`, `#authorize` (exactly: auth clients open `<II>/#authorize`),
// `#/add-device`, `#/recover`. Anything else is the landing page. The path `/authorize` (what
// `@icp-sdk/auth` opens, `https://id.ai/authorize`, and where ICRC-167 redirects land with their
// request in the fragment) is the authorize route whatever the fragment says.
import { createSignal, onCleanup, type Accessor } from 'solid-js';

export type Route = 'landing' | 'manage' | 'authorize' | 'add-device' | 'recover';

const HASHES: Record<Route, string> = {
  landing: '#/',
  manage: '#/manage',
  authorize: '#authorize',
  'add-device': '#/add-device',
  recover: '#/recover',
};

export function parseRoute(hash: string): Route {
  if (hash === '#authorize' || hash.startsWith('#authorize?')) return 'authorize';
  const path = hash.replace(/^#\/?/, '').split(/[?#]/)[0].replace(/\/$/, '');
  switch (path) {
    case 'manage':
      return 'manage';
    case 'add-device':
      return 'add-device';
    case 'recover':
      return 'recover';
    case 'authorize':
      return 'authorize';
    default:
      return 'landing';
  }
}

/** `/authorize` (and `/authorize/`): the signer's URL, whatever its fragment. */
export const isAuthorizePath = (pathname: string): boolean => /^\/authorize\/?$/.test(pathname);

/** The route of a location: the `/authorize` path first, then the hash. */
export function routeOf(location: { pathname: string; hash: string }): Route {
  return isAuthorizePath(location.pathname) ? 'authorize' : parseRoute(location.hash);
}

export const hashFor = (route: Route): string => HASHES[route];

export interface Router {
  route: Accessor<Route>;
  navigate: (route: Route) => void;
}

export function createRouter(win: Window = window): Router {
  const [route, setRoute] = createSignal<Route>(routeOf(win.location));
  const onHash = () => setRoute(routeOf(win.location));
  win.addEventListener('hashchange', onHash);
  onCleanup(() => win.removeEventListener('hashchange', onHash));
  return {
    route,
    navigate: (next) => {
      if (win.location.hash !== HASHES[next]) win.location.hash = HASHES[next];
      setRoute(next);
    },
  };
}
