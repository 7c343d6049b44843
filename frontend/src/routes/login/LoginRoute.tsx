// `#/`, `#/recover`, `#/add-device`: the login subflows as pages; a login lands on `#/manage`.
import type { Auth } from '../../stores/auth.js';
import type { Route, Router } from '../../stores/router.js';
import { LoginFlow, type LoginView } from './LoginFlow.js';

const viewFor = (route: Route): LoginView =>
  route === 'recover' ? 'recover' : route === 'add-device' ? 'add-device' : 'choose';

export function LoginRoute(props: { auth: Auth; router: Router }) {
  return (
    <LoginFlow
      auth={props.auth}
      view={viewFor(props.router.route())}
      onView={(v) =>
        props.router.navigate(
          v === 'recover' ? 'recover' : v === 'add-device' ? 'add-device' : 'landing',
        )
      }
      onLoggedIn={() => props.router.navigate('manage')}
    />
  );
}
