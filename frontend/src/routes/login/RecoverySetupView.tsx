// "Flow: Setup recovery" after registration and from the manage page.
import { createEffect, Match, Show, Switch } from 'solid-js';
import { Alert } from '../../components/Alert.js';
import { Busy } from '../../components/Busy.js';
import { Card } from '../../components/Card.js';
import { PhraseSetup } from '../../components/PhraseSetup.js';
import { RecoveryOffer } from '../../components/RecoveryOffer.js';
import type { FrontendError } from '../../lib/errors.js';
import type { Auth } from '../../stores/auth.js';
import { createRecoverySetup, type RecoveryStep } from '../../stores/recovery-setup.js';
import copy from './copy.json';

export function RecoverySetupView(props: {
  auth: Auth;
  canSkip?: boolean;
  initial?: RecoveryStep;
  onDone: () => void;
  /** Leaves without setting anything up (manage); without it, Back returns to the offer. */
  onCancel?: () => void;
}) {
  const setup = createRecoverySetup(props.auth.session, props.initial);
  createEffect(() => {
    if (setup.step() !== 'done') return;
    // The next screen confirms what was set up (nothing else would say it worked).
    const r = setup.result();
    if (r === 'phrase') props.auth.setNotice(copy.phrase.phraseConfirmed);
    if (r === 'key') props.auth.setNotice(copy.phrase.keyConfirmed);
    props.onDone();
  });
  const back = () => (props.onCancel ? props.onCancel() : setup.backToOffer());
  const message = (e: FrontendError) =>
    e.code === 'passkey_already_registered' ? copy.phrase.keyExists : e.message;
  return (
    <Card>
      <Switch>
        <Match when={setup.step() === 'phrase'}>
          <PhraseSetup
            copy={copy.phrase}
            phrase={setup.phraseText()}
            busy={setup.busy()}
            onDone={(locked) => void setup.savePhrase(locked)}
            onSecurityKey={() => void setup.addSecurityKey()}
            onBack={back}
          />
        </Match>
        <Match when={true}>
          <RecoveryOffer
            copy={copy.recoveryOffer}
            busy={setup.busy()}
            canSkip={props.canSkip}
            onPhrase={setup.showPhrase}
            onSecurityKey={() => void setup.addSecurityKey()}
            onSkip={() => (props.onCancel ? props.onCancel() : setup.skip())}
          />
        </Match>
      </Switch>
      <Show when={setup.busy()}>
        <Busy text={copy.phrase.busy} />
      </Show>
      <Show when={setup.error()}>
        {(e) => (
          // The buttons above are the way on (a "Try again" here would only hide the message).
          <Alert message={message(e())} />
        )}
      </Show>
    </Card>
  );
}
