import type { ClientConfig } from './config.ts';
import { type ErrorFamily, optionalString, type RequestBody } from './body.ts';
import { auth0Error, fromSpec, grantNotAllowed } from './errors.ts';
import type { EmulatorState } from './state.ts';

export interface AuthenticatedClient {
  client: ClientConfig;
  /** A confidential client proved itself with its secret (enables `auth0-forwarded-for`). */
  sentSecret: boolean;
}

function basicCredentials(
  state: EmulatorState,
  request: Request,
): { id: string; secret: string } | undefined {
  const header = request.headers.get('authorization');
  if (!header?.toLowerCase().startsWith('basic ')) return undefined;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  try {
    return {
      id: decodeURIComponent(decoded.slice(0, colon)),
      secret: decodeURIComponent(decoded.slice(colon + 1)),
    };
  } catch (error) {
    // A broken escape (`%zz`, a cut UTF-8 sequence) is a credential that cannot match, not a crash.
    if (error instanceof URIError) throw fromSpec(state.config.unconfirmed.invalidClientCredentials);
    throw error;
  }
}

/**
 * Finds the client and checks its credentials the way Auth0 does: public clients (`none`) send only
 * `client_id`; confidential ones must send their secret in the body or as HTTP Basic.
 */
export function authenticateClient(
  state: EmulatorState,
  body: RequestBody,
  request: Request,
  family: ErrorFamily,
): AuthenticatedClient {
  const basic = basicCredentials(state, request);
  const clientId = optionalString(body, 'client_id', family) ?? basic?.id;
  if (!clientId) {
    throw family === 'passwordless'
      ? auth0Error(400, 'bad.client_id', 'Missing required property: client_id')
      : auth0Error(400, 'invalid_request', 'Missing required parameter: client_id');
  }
  const client = state.client(clientId);
  if (!client) throw fromSpec(state.config.unconfirmed.unknownClient);

  const secret = optionalString(body, 'client_secret', family) ?? basic?.secret;
  if (client.tokenEndpointAuthMethod === 'none') return { client, sentSecret: false };
  if (secret === undefined) {
    throw family === 'passwordless'
      ? auth0Error(403, 'unauthorized_client', 'Client authentication is required')
      : fromSpec(state.config.unconfirmed.invalidClientCredentials);
  }
  if (secret !== client.clientSecret) throw fromSpec(state.config.unconfirmed.invalidClientCredentials);
  return { client, sentSecret: true };
}

export function requireGrant(client: ClientConfig, grantType: string): void {
  if (!client.grantTypes.includes(grantType)) throw grantNotAllowed(grantType);
}
