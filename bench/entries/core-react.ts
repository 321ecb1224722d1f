// A React app's sign-in hook (React itself is the app's, so it is left out of the count).
import { usePasswordless } from '@passwordless-xstate/react';

export const useSignIn = () =>
  usePasswordless({ domain: 'example.eu.auth0.com', clientId: 'native-client-id' });
