// Reads the page config, then wires the router and the login state to the routes.
import { Match, Switch } from 'solid-js';
import { Alert } from './components/Alert';
import { Card } from './components/Card';
import { Layout } from './components/Layout';
import { readPageConfig, type PageConfig } from './lib/config';
import { AuthorizeRoute } from './routes/authorize/AuthorizeRoute';
import { LoginRoute } from './routes/login/LoginRoute';
import { ManageRoute } from './routes/manage/ManageRoute';
import { createAuth } from './stores/auth';
import { createRouter } from './stores/router';

function loadConfig(): { config: PageConfig } | { error: string } {
  try {
    return { config: readPageConfig() };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

export function App() {
  const loaded = loadConfig();
  if ('error' in loaded)
    return (
      <Layout>
        <Card title="Internet Identity is misconfigured">
          <Alert message={loaded.error} actionLabel="Reload" onAction={() => location.reload()} />
        </Card>
      </Layout>
    );
  const router = createRouter();
  const auth = createAuth(loaded.config);
  return (
    <Layout>
      <Switch>
        <Match when={router.route() === 'authorize'}>
          <AuthorizeRoute auth={auth} />
        </Match>
        <Match when={router.route() === 'manage'}>
          <ManageRoute auth={auth} router={router} />
        </Match>
        <Match when={true}>
          <LoginRoute auth={auth} router={router} />
        </Match>
      </Switch>
    </Layout>
  );
}
