// Hash routes: `#/` landing, `#/manage`, `#authorize` (exactly: auth clients open `<II>/#authorize`),
// `#/add-device`, `#/recover`. Anything else is the landing page.
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

export const hashFor = (route: Route): string => HASHES[route];

export interface Router {
  route: Accessor<Route>;
  navigate: (route: Route) => void;
}

export function createRouter(win: Window = window): Router {
  const [route, setRoute] = createSignal<Route>(parseRoute(win.location.hash));
  const onHash = () => setRoute(parseRoute(win.location.hash));
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
