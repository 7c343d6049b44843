/**
 * Alertmanager's configuration: pages and tickets go to different receivers; anything about the
 * canary is a ticket whatever its severity (a bad release caught there is the pipeline working);
 * a page about a target silences that target's tickets. The receivers carry no integration here:
 * an operator adds pagerduty_configs, slack_configs or webhook_configs to `page` and `ticket`.
 */
export const RECEIVERS = { page: 'page', ticket: 'ticket' } as const;

export interface AlertmanagerOptions {
  /** Per receiver, a webhook to notify (tests and local setups); none by default. */
  webhooks?: Partial<Record<keyof typeof RECEIVERS, string>>;
}

export function alertmanagerConfig(o: AlertmanagerOptions = {}): Record<string, unknown> {
  const receiver = (name: keyof typeof RECEIVERS) => ({
    name: RECEIVERS[name],
    ...(o.webhooks?.[name]
      ? { webhook_configs: [{ url: o.webhooks[name], send_resolved: true }] }
      : {}),
  });
  return {
    route: {
      receiver: RECEIVERS.ticket,
      group_by: ['alertname', 'target'],
      group_wait: '30s',
      group_interval: '5m',
      repeat_interval: '12h',
      routes: [
        { matchers: ['target="canary"'], receiver: RECEIVERS.ticket },
        {
          matchers: ['severity="page"'],
          receiver: RECEIVERS.page,
          // Someone is woken for this: no batching delay.
          group_wait: '0s',
          group_interval: '1m',
          repeat_interval: '1h',
        },
        { matchers: ['severity="ticket"'], receiver: RECEIVERS.ticket, repeat_interval: '24h' },
      ],
    },
    inhibit_rules: [
      {
        source_matchers: ['severity="page"', 'target=~".+"'],
        target_matchers: ['severity="ticket"'],
        equal: ['target'],
      },
      {
        source_matchers: ['alertname="RollbackFailed"'],
        target_matchers: ['alertname="ReleaseStepFailed"'],
        equal: ['target'],
      },
    ],
    receivers: [receiver('page'), receiver('ticket')],
  };
}
