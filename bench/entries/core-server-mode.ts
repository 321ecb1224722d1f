// A web app in a browser whose flow runs on @passwordless-xstate/server: the remote flow, its
// actions and its view (the README's recommended browser setup, without a framework adapter).
import { createPasswordlessActions, createRemoteFlow } from '@passwordless-xstate/core';
import type { PasswordlessView } from '@passwordless-xstate/core';

export function signIn(render: (view: PasswordlessView) => void) {
  const flow = createRemoteFlow({ server: '/auth/passwordless' });
  flow.subscribe(render);
  flow.start();
  return createPasswordlessActions(flow.send);
}
