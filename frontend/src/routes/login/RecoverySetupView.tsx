// "Flow: Setup recovery" after registration and from the manage page.
import { Match, Show, Switch } from 'solid-js';
import { Alert } from '../../components/Alert';
import { Busy } from '../../components/Busy';
import { Card } from '../../components/Card';
import { PhraseSetup } from '../../components/PhraseSetup';
import { RecoveryOffer } from '../../components/RecoveryOffer';
import type { Auth } from '../../stores/createAuth';
import { createRecoverySetup, type RecoveryStep } from '../../stores/createRecoverySetup';
import copy from './copy.json';
import { createEffect } from 'solid-js';

export function RecoverySetupView(props: {
  auth: Auth;
  canSkip?: boolean;
  initial?: RecoveryStep;
  onDone: () => void;
  onCancel?: () => void;
}) {
  const setup = createRecoverySetup(props.auth.session, props.initial);
  createEffect(() => {
    if (setup.step() === 'done') props.onDone();
  });
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
          <Alert
            message={e().message}
            actionLabel={copy.errors.retry}
            onAction={setup.clearError}
          />
        )}
      </Show>
    </Card>
  );
}
