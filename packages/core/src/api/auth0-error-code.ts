// Which of our error codes an Auth0 error is, from its `error` and description alone: what a
// magic link's callback needs too, without the rest of the HTTP error model (auth0-error.ts).
import type { PasswordlessErrorCode } from '../errors.ts';

// Exact strings that Auth0's SDKs match on (notes §2.3, §4.2, §4.3, §5.5).
const wrongCode = /^Wrong (?:email|phone number) or verification code\.$/;
const codeExpired = 'The verification code has expired. Please try to login again.';
const maxAttempts = "You've reached the maximum number of attempts. Please try to login again.";
const pushRejected = 'MFA Authorization rejected.';
export const grantNotAllowed = /^Grant type '([^']+)' not allowed/;
const twilioInvalidNumber = '21211';

function describes(description: string | undefined, pattern: RegExp | string): boolean {
  if (description === undefined) return false;
  return typeof pattern === 'string' ? description.trim() === pattern : pattern.test(description.trim());
}

export function classifyAuth0Error(
  status: number,
  error: string,
  description?: string,
): PasswordlessErrorCode {
  if (error === 'mfa_required') return 'mfa_required';
  // The passwordless grant's status and `error` for these are unconfirmed; the descriptions are not.
  if (describes(description, wrongCode)) return 'invalid_code';
  if (describes(description, codeExpired)) return 'code_expired';
  if (describes(description, maxAttempts)) return 'too_many_attempts';
  if (error === 'blocked_user' || describes(description, /^user is blocked\.?$/i)) return 'user_blocked';
  if (describes(description, pushRejected)) return 'push_rejected';
  if (describes(description, /already enrolled/i)) return 'already_enrolled';
  if (
    describes(
      description,
      /^(?:mfa_token is expired|Malformed mfa_token|mfa_token not issued to this client)/,
    )
  ) {
    return 'mfa_token_expired';
  }

  switch (error) {
    case 'too_many_attempts':
      return 'too_many_attempts';
    case 'too_many_requests':
      return 'rate_limited';
    case 'unauthorized_client':
      if (describes(description, grantNotAllowed)) return 'grant_not_enabled';
      if (describes(description, /^Client authentication is required/)) return 'client_auth_required';
      return 'invalid_client';
    case 'invalid_client':
      return 'invalid_client';
    case 'access_denied':
      // node-auth0#582: a wrong client secret on /oauth/token is 401 access_denied "Unauthorized".
      return status === 401 && describes(description, 'Unauthorized') ? 'invalid_client' : 'access_denied';
    case 'unauthorized':
    case 'insufficient_scope':
      return 'access_denied';
    case 'expired_token':
      return describes(description, /oob_code/) ? 'oob_code_expired' : 'mfa_token_expired';
    case 'invalid_grant':
      if (describes(description, /^Invalid (?:otp_code|binding_code)\.?$/)) return 'invalid_mfa_code';
      if (describes(description, /recovery[ _]code/i)) return 'invalid_mfa_code';
      if (describes(description, /refresh[ _]token/i)) return 'invalid_refresh_token';
      return 'invalid_grant';
    case 'authorization_pending':
    case 'slow_down':
    case 'unsupported_challenge_type':
    case 'invalid_token':
      return error;
    case 'association_required':
      return 'enrollment_required';
    case 'enrollment_conflict':
      return 'already_enrolled';
    case 'bad.connection':
      return 'connection_disabled';
    case 'bad.email':
    case 'bad.phone_number':
      return 'invalid_identifier';
    case 'sms_provider_error':
      return providerCode(description) === twilioInvalidNumber ? 'invalid_identifier' : 'bad_request';
    case 'server_error':
    case 'temporarily_unavailable':
      return 'server';
    case 'invalid_request':
    case 'invalid_scope':
    case 'unsupported_grant_type':
    case 'unsupported_response_type':
      return 'bad_request';
  }
  if (error.startsWith('bad.')) return 'bad_request';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server';
  return 'unknown';
}

export function providerCode(description: string | undefined): string | undefined {
  return description === undefined ? undefined : /\(Code: (\w+)\)\s*$/.exec(description)?.[1];
}
