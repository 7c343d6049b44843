// The login subflows (spec "Flows"), shared by the landing page and the authorize flow.
import { createEffect, createSignal, Match, Switch } from 'solid-js';
import type { Auth, Session } from '../../stores/auth.js';
import { AddDeviceView } from './AddDeviceView.js';
import { ChooseView } from './ChooseView.js';
import { RecoverView } from './RecoverView.js';
import { RegisterView } from './RegisterView.js';

export type LoginView = 'choose' | 'register' | 'recover' | 'add-device';

export function LoginFlow(props: {
  auth: Auth;
  /** The view the route asks for; 'register' is never a route. */
  view: LoginView;
  /** Page mode navigates (recover/add-device are routes); embedded mode leaves it undefined. */
  onView?: (view: LoginView) => void;
  /** `via`: the view the user logged in from ('choose': an existing passkey, one click). */
  onLoggedIn: (session: Session, via: LoginView) => void;
  /** Shown above the anchor controls (authorize: which app asks). */
  title?: string;
  /** Preselected anchor (authorize: autoSelectionPrincipal matched it). */
  preferredAnchor?: bigint;
}) {
  const [local, setLocal] = createSignal<LoginView>(props.view);
  createEffect(() => setLocal(props.view));
  const go = (v: LoginView) => {
    setLocal(v);
    if (v !== 'register') props.onView?.(v);
  };
  const back = () => go('choose');
  return (
    <Switch>
      <Match when={local() === 'register'}>
        <RegisterView
          auth={props.auth}
          onCancel={back}
          onDone={(s) => props.onLoggedIn(s, 'register')}
        />
      </Match>
      <Match when={local() === 'recover'}>
        <RecoverView
          auth={props.auth}
          onBack={back}
          onDone={(s) => props.onLoggedIn(s, 'recover')}
        />
      </Match>
      <Match when={local() === 'add-device'}>
        <AddDeviceView
          auth={props.auth}
          onBack={back}
          onDone={(s) => props.onLoggedIn(s, 'add-device')}
        />
      </Match>
      <Match when={true}>
        <ChooseView
          auth={props.auth}
          title={props.title}
          preferredAnchor={props.preferredAnchor}
          onGo={go}
          onDone={props.onLoggedIn}
        />
      </Match>
    </Switch>
  );
}
