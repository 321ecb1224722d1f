// A Vue app's sign-in composable (Vue itself is the app's, so it is left out of the count).
import { usePasswordless } from '@passwordless-xstate/vue';

export const useSignIn = () =>
  usePasswordless({ domain: 'example.eu.auth0.com', clientId: 'native-client-id' });
