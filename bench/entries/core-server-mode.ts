// A web app in a browser whose flow runs on @passwordless-xstate/server: the remote flow, its
// actions and its view (the README's recommended browser setup, without a framework adapter), from
// `@passwordless-xstate/core/remote`, which leaves out the chart, XState and the Auth0 client.
import { createPasswordlessActions, createRemoteFlow } from '@passwordless-xstate/core/remote';
import type { PasswordlessView } from '@passwordless-xstate/core/remote';

export function signIn(render: (view: PasswordlessView) => void) {
  const flow = createRemoteFlow({ server: '/auth/passwordless' });
  flow.subscribe(render);
  flow.start();
  return createPasswordlessActions(flow.send);
}
