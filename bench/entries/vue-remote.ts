// A Vue web app whose flow runs on @passwordless-xstate/server: the composable from
// `@passwordless-xstate/vue/remote` (Vue itself is the app's, so it is left out of the count).
import { usePasswordless } from '@passwordless-xstate/vue/remote';

export const useSignIn = () => usePasswordless({ server: '/auth/passwordless' });
