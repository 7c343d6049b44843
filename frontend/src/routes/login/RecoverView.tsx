// "Flow: Use recovery": the phrase ("<anchor> <words>") or a recovery security key.
import { createSignal, Show } from 'solid-js';
import { Alert, type AlertProps } from '../../components/Alert.js';
import { AnchorForm } from '../../components/AnchorForm.js';
import { Busy } from '../../components/Busy.js';
import { Card } from '../../components/Card.js';
import { Form } from '../../components/Form.js';
import { TextField } from '../../components/TextField.js';
import type { Auth, Session } from '../../stores/auth.js';
import { parseAnchorInput } from '../../stores/devices.js';
import { createTask } from '../../stores/task.js';
import { canRetry, FrontendError } from '../../lib/errors.js';
import copy from './copy.json';

export function RecoverView(props: {
  auth: Auth;
  onBack: () => void;
  onDone: (session: Session) => void;
}) {
  const task = createTask();
  const [phrase, setPhrase] = createSignal('');
  const [useKey, setUseKey] = createSignal(false);
  const message = (e: FrontendError) =>
    e.code !== 'device_not_found'
      ? e.message
      : useKey()
        ? copy.errors.noRecovery
        : copy.recover.wrongPhrase.replace('{anchor}', /\d+/.exec(phrase())?.[0] ?? '');
  const withPhrase = async () => {
    // A malformed phrase arrives as `invalid_phrase` with the precise reason as its message.
    const s = await task.run(() => props.auth.loginWithPhrase(phrase()));
    if (s) props.onDone(s);
  };
  let lastKeyAnchor = '';
  const withKey = async (text: string) => {
    lastKeyAnchor = text;
    const anchor = parseAnchorInput(text);
    if (anchor === undefined) return task.setError(new FrontendError('invalid_anchor'));
    const s = await task.run(() => props.auth.loginWithPasskey(anchor, 'recovery'));
    if (s) props.onDone(s);
  };
  // Under the phrase field (or the key form): what went wrong with what was just entered.
  const alert = (): AlertProps | undefined => {
    const e = task.error();
    if (!e) return undefined;
    return {
      message: message(e),
      // A wrong phrase stays wrong: only a passing problem (network, cancelled key) retries.
      actionLabel: canRetry(e) ? copy.errors.retry : undefined,
      onAction: () => void (useKey() ? withKey(lastKeyAnchor) : withPhrase()),
      testid: 'recover-alert',
    };
  };
  return (
    <Card title={copy.recover.title}>
      <Show
        when={useKey()}
        fallback={
          <>
            <p class="muted">{copy.recover.intro}</p>
            <Form onSubmit={() => void withPhrase()}>
              <TextField
                label={copy.recover.phraseLabel}
                hint={copy.recover.phraseHint}
                name="phrase"
                multiline
                autofocus
                value={phrase()}
                alert={alert()}
                onInput={(v) => {
                  // The alert was about the old text.
                  task.clearError();
                  setPhrase(v);
                }}
              />
              <button
                type="submit"
                class="primary"
                data-testid="recover-submit"
                disabled={task.busy() || phrase().trim() === ''}
              >
                {copy.recover.submit}
              </button>
            </Form>
            <div class="row">
              <button
                type="button"
                class="link"
                data-testid="recover-with-key"
                onClick={() => {
                  task.clearError();
                  setUseKey(true);
                }}
              >
                {copy.recover.orKey}
              </button>
            </div>
          </>
        }
      >
        <p class="muted">{copy.recover.keyIntro}</p>
        <AnchorForm
          copy={copy.anchorForm}
          submitTestId="recover-key-submit"
          busy={task.busy()}
          autofocus
          onSubmit={(t) => void withKey(t)}
        />
      </Show>
      <Show when={task.busy()}>
        <Busy text={copy.recover.busy} />
      </Show>
      <Show when={useKey() && alert()}>{(a) => <Alert {...a()} />}</Show>
      <div class="row">
        <button
          type="button"
          class="link"
          onClick={() => (useKey() ? setUseKey(false) : props.onBack())}
        >
          {copy.recover.back}
        </button>
      </div>
    </Card>
  );
}
