// "Flow: Use recovery": the phrase ("<anchor> <words>") or a recovery security key.
import { createSignal, Show } from 'solid-js';
import { Alert } from '../../components/Alert';
import { AnchorForm } from '../../components/AnchorForm';
import { Busy } from '../../components/Busy';
import { Card } from '../../components/Card';
import { Form } from '../../components/Form';
import { TextField } from '../../components/TextField';
import type { Auth, Session } from '../../stores/createAuth';
import { parseAnchorInput } from '../../stores/devices';
import { createTask } from '../../stores/task';
import { IIError } from '../../lib/errors';
import copy from './copy.json';

export function RecoverView(props: {
  auth: Auth;
  onBack: () => void;
  onDone: (session: Session) => void;
}) {
  const task = createTask();
  const [phrase, setPhrase] = createSignal('');
  const [useKey, setUseKey] = createSignal(false);
  const message = (e: IIError) =>
    e.kind === 'device_not_found' ? copy.recover.wrongPhrase : e.message;
  const withPhrase = async () => {
    const s = await task.run(async () => {
      try {
        return await props.auth.loginWithPhrase(phrase());
      } catch (e) {
        if (e instanceof Error && e.name === 'RecoveryPhraseError')
          throw new IIError('unknown', e.message);
        throw e;
      }
    });
    if (s) props.onDone(s);
  };
  const withKey = async (text: string) => {
    const anchor = parseAnchorInput(text);
    if (anchor === undefined) return task.setError(new IIError('anchor_not_found'));
    const s = await task.run(() => props.auth.loginWithPasskey(anchor, 'recovery'));
    if (s) props.onDone(s);
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
                onInput={setPhrase}
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
      <Show when={task.error()}>
        {(e) => (
          <Alert
            message={message(e())}
            actionLabel={copy.errors.retry}
            onAction={task.clearError}
          />
        )}
      </Show>
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
