import { setup } from 'xstate';
import { flowActions } from './actions/flow-actions.ts';
import { mfaActions } from './actions/mfa-actions.ts';
import { pushActions } from './actions/push-actions.ts';
import { sessionActions } from './actions/session-actions.ts';
import { createPasswordlessActors } from './actors.ts';
import { defaultClientFor } from './default-client.ts';
import { guards } from './guards.ts';
import type { PasswordlessContext, PasswordlessEvent, PasswordlessInput } from './types.ts';

/**
 * The chart's vocabulary: types, actors, guards, actions and delays by name. The states
 * (`states/*.ts`) use only these names, so `.provide()` can swap any implementation.
 */
export const chart = setup({
  types: {
    context: {} as PasswordlessContext,
    events: {} as PasswordlessEvent,
    input: {} as PasswordlessInput,
    tags: {} as 'busy' | 'code_expired',
  },
  actors: createPasswordlessActors(defaultClientFor),
  guards,
  actions: { ...flowActions, ...mfaActions, ...pushActions, ...sessionActions },
  delays: {
    // Longer than the client's own timeout, so that one reports first and this only catches a hang.
    requestTimeout: ({ context }) => context.config.requestTimeoutMs + 5000,
  },
});
