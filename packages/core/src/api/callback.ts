import { PasswordlessError } from '../errors.ts';
import { classifyAuth0Error } from './auth0-error-code.ts';

export interface MagicLinkCallback {
  code: string;
  state?: string;
}

export interface ParseCallbackOptions {
  /** The `state` sent in `authParams`; a different or missing one rejects with `state_mismatch`. */
  expectedState?: string;
}

/**
 * Reads the redirect a magic link lands on. Auth0 reports errors in the query for
 * `response_type=code` but examples show the fragment too, so both are read.
 */
export function parseMagicLinkCallback(
  url: string | URL,
  options: ParseCallbackOptions = {},
): MagicLinkCallback {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    throw new PasswordlessError('invalid_input', {
      message: 'The sign-in link could not be read. Open it again from the message.',
      cause: error,
    });
  }
  const params = new URLSearchParams(parsed.search);
  for (const [key, value] of new URLSearchParams(parsed.hash.replace(/^#/, ''))) {
    if (!params.has(key)) params.set(key, value);
  }
  const state = params.get('state') ?? undefined;
  const error = params.get('error');
  if (error) {
    const description = params.get('error_description') ?? undefined;
    throw new PasswordlessError(classifyAuth0Error(400, error, description), {
      auth0Error: error,
      ...(description === undefined ? {} : { auth0Description: description }),
    });
  }
  if (options.expectedState !== undefined && state !== options.expectedState) {
    throw new PasswordlessError('state_mismatch');
  }
  const code = params.get('code');
  if (!code) {
    throw new PasswordlessError('invalid_response', {
      message: 'The sign-in link returned neither an authorization code nor an error.',
    });
  }
  return state === undefined ? { code } : { code, state };
}
