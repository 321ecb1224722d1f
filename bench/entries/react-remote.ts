// A React web app whose flow runs on @passwordless-xstate/server: the hook from
// `@passwordless-xstate/react/remote` (React itself is the app's, so it is left out of the count).
import { usePasswordless } from '@passwordless-xstate/react/remote';

export const useSignIn = () => usePasswordless({ server: '/auth/passwordless' });
