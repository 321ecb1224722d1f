// The floor for any chart on xstate that talks HTTP through ofetch: a machine, an actor, a request.
import { ofetch } from 'ofetch';
import { assign, createActor, fromPromise, setup } from 'xstate';

const machine = setup({
  actors: {
    start: fromPromise(({ input }: { input: string }) =>
      ofetch('/passwordless/start', { method: 'POST', body: { email: input } }),
    ),
  },
}).createMachine({
  context: { email: '', sent: false },
  initial: 'identify',
  states: {
    identify: {
      on: { SUBMIT: { target: 'sending', actions: assign({ email: ({ event }) => String(event.email) }) } },
    },
    sending: {
      invoke: {
        src: 'start',
        input: ({ context }) => context.email,
        onDone: { target: 'sent', actions: assign({ sent: true }) },
      },
    },
    sent: {},
  },
});

export const signIn = () => createActor(machine).start();
