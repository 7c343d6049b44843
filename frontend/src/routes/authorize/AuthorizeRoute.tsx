// `#authorize` and `/authorize`: the client authentication protocol, the ICRC signer standards in
// a window (ICRC-29) and by redirect (ICRC-167). The dapp's origin is shown before consent.
import { createSignal, Match, onCleanup, onMount, Show, Switch } from 'solid-js';
import { Alert } from '../../components/Alert.js';
import { Busy } from '../../components/Busy.js';
import { Card } from '../../components/Card.js';
import { Consent } from '../../components/Consent.js';
import { TEST_BUILD } from '../../flavor.js';
import type { Auth, Session } from '../../stores/auth.js';
import { createAuthorize } from '../../stores/authorize.js';
import { LoginFlow } from '../login/LoginFlow.js';
import copy from './copy.json';

export function AuthorizeRoute(props: { auth: Auth }) {
  const flow = createAuthorize(props.auth.config);
  const [chosen, setChosen] = createSignal<Session>();
  onMount(() => void flow.listen());
  onCleanup(() => props.auth.setNotice(undefined));
  const authorize = (s: Session) => void flow.authorize(s);
  return (
    <Switch>
      <Match when={flow.step() === 'failed'}>
        <Card>
          <Alert
            message={flow.fatal() === 'no-opener' ? copy.noOpener : (flow.fatal() ?? copy.failed)}
            actionLabel={copy.close}
            onAction={() => window.close()}
          />
        </Card>
      </Match>
      <Match when={flow.step() === 'waiting'}>
        <Card>
          <Busy text={copy.waiting} />
          <Show when={flow.error()}>{(e) => <Alert message={e().message} />}</Show>
        </Card>
      </Match>
      <Match when={flow.step() === 'done'}>
        <Card>
          <p role="status" data-testid="authorize-done">
            {flow.incoming()?.responder.protocol === 'icrc167' ? copy.returning : copy.done}
          </p>
        </Card>
      </Match>
      <Match when={flow.step() === 'declined'}>
        <Card>
          <p role="status" data-testid="authorize-declined">
            {copy.declined}
          </p>
        </Card>
      </Match>
      <Match when={true}>
        <Card>
          <Show when={props.auth.notice()}>
            {(text) => (
              <p class="notice" role="status" data-testid="notice">
                {text()}
              </p>
            )}
          </Show>
          <Consent
            copy={copy.consent}
            origin={flow.incoming()!.origin}
            derivationOrigin={flow.incoming()!.frontendHost}
            anchor={chosen()?.anchor.toString()}
            busy={flow.busy()}
            onContinue={() => {
              const s = chosen();
              if (s) authorize(s);
            }}
            onSwitch={() => setChosen(undefined)}
          />
          <Show when={flow.busy()}>
            <Busy text={copy.busy} />
          </Show>
          <Show when={!flow.busy() && flow.step() === 'login'}>
            <p>
              <button
                type="button"
                class="link"
                data-testid="authorize-cancel"
                onClick={() => flow.decline()}
              >
                {copy.cancel}
              </button>
            </p>
          </Show>
          <Show when={flow.error()}>
            {(e) => (
              <Alert
                message={e().message}
                actionLabel={copy.consent.continue}
                onAction={() => {
                  const s = chosen();
                  if (s) authorize(s);
                }}
              />
            )}
          </Show>
        </Card>
        <Show when={!chosen()}>
          <LoginFlow
            auth={props.auth}
            view="choose"
            preferredAnchor={flow.incoming()?.autoAnchor}
            title={copy.loginTitle}
            onLoggedIn={(s, via) => {
              setChosen(s);
              // The dapp's origin is on screen above the button the user clicked to log in
              // with an existing passkey: that click was the consent, so do not ask twice.
              // After registering or recovering, the consent screen comes first.
              // The test flavor does not ask after registering either (the origin was on screen
              // above the form): dapp developers' helpers expect the popup to close.
              if (via === 'choose' || (TEST_BUILD && via === 'register')) authorize(s);
            }}
          />
        </Show>
      </Match>
    </Switch>
  );
}
