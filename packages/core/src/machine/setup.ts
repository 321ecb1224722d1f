import { createMachine, setup } from 'xstate';
import { flowActions } from './actions/flow-actions.ts';
import { mfaActions } from './actions/mfa-actions.ts';
import { pushActions } from './actions/push-actions.ts';
import { sessionActions } from './actions/session-actions.ts';
import { createPasswordlessActors } from './actors.ts';
import { defaultClientFor } from './default-client.ts';
import { guards } from './guards.ts';
import type { PasswordlessContext, PasswordlessEvent, PasswordlessInput } from './types.ts';

const implementations = {
  actors: createPasswordlessActors(defaultClientFor),
  guards,
  actions: { ...flowActions, ...mfaActions, ...pushActions, ...sessionActions },
  delays: {
    // Longer than the client's own timeout, so that one reports first and this only catches a hang.
    requestTimeout: ({ context }: { context: PasswordlessContext }) => context.config.requestTimeoutMs + 5000,
  },
};

// Never called, so bundlers drop it: it only gives `chart` the types `setup()` infers. Calling
// `setup()` would also bundle every action creator it returns (`sendTo`, `enqueueActions`, `emit`,
// `log`…), which the chart does not use: ~0.9 KB min+gzip up front (measured for issue 13).
const _typedSetup = () =>
  setup({
    types: {
      context: {} as PasswordlessContext,
      events: {} as PasswordlessEvent,
      input: {} as PasswordlessInput,
      tags: {} as 'busy' | 'code_expired',
    },
    ...implementations,
  });
type Chart = ReturnType<typeof _typedSetup>;
const untypedCreateMachine = createMachine as (config: object, implementations: object) => unknown;

/**
 * The chart's vocabulary: types, actors, guards, actions and delays by name. The states
 * (`states/*.ts`) use only these names, so `.provide()` can swap any implementation.
 */
export const chart: Pick<Chart, 'createStateConfig' | 'createMachine'> = {
  createStateConfig: (config) => config,
  // What `setup(…).createMachine` does (xstate's setup.ts); typed as that, not here.
  createMachine: ((config: object) =>
    untypedCreateMachine(config, implementations)) as Chart['createMachine'],
};
