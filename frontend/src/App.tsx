// Reads the page config, then wires the router and the login state to the routes.
import { Match, Switch } from 'solid-js';
import { Alert } from './components/Alert.js';
import { Card } from './components/Card.js';
import { Layout } from './components/Layout.js';
import { readPageConfig, type PageConfig } from './lib/config.js';
import { AuthorizeRoute } from './routes/authorize/AuthorizeRoute.js';
import { LoginRoute } from './routes/login/LoginRoute.js';
import { ManageRoute } from './routes/manage/ManageRoute.js';
import { createAuth } from './stores/auth.js';
import { createRouter } from './stores/router.js';

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
