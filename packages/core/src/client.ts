// `@passwordless-xstate/core/client`: the typed Auth0 Authentication + MFA API client on its own, for
// a flow of your own on a server or in a browser: no chart, no XState.
export * from './api/public-client.ts';
export { parseMagicLinkCallback, type MagicLinkCallback, type ParseCallbackOptions } from './api/callback.ts';
export {
  PasswordlessError,
  isPasswordlessError,
  type PasswordlessErrorCode,
  type PasswordlessErrorJSON,
} from './errors.ts';
