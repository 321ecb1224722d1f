// The README's use of the core: one actor, its actions, and the view rendered on every change.
import {
  createPasswordlessActions,
  createPasswordlessActor,
  getPasswordlessView,
} from '@passwordless-xstate/core';
import type { PasswordlessView } from '@passwordless-xstate/core';

export function signIn(render: (view: PasswordlessView) => void) {
  const actor = createPasswordlessActor({ domain: 'example.eu.auth0.com', clientId: 'native-client-id' });
  actor.subscribe((snapshot) => render(getPasswordlessView(snapshot)));
  actor.start();
  return createPasswordlessActions(actor.send);
}
