import type { PasswordlessErrorCode } from '@passwordless-xstate/core';

/** What can go wrong between a client and Auth0, as a proxy or a flaky network shows it. */
export const FAULTS = [
  'hang',
  'reset',
  '500 JSON',
  '502 HTML',
  '200 malformed JSON',
  '200 empty',
  '429 Retry-After',
  '401 HTML',
  '403 odd JSON',
] as const;

export type Fault = (typeof FAULTS)[number];

/** The `Retry-After` the 429 fault sends; cells check the chart carries it as `retryAfter`. */
export const RETRY_AFTER_SECONDS = 7;

export interface FaultAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The answers of the faults that answer (a hang never does, a reset closes the connection). */
export const FAULT_ANSWERS: Record<Exclude<Fault, 'hang' | 'reset'>, FaultAnswer> = {
  // A gateway's JSON, not Auth0's shape: the status alone must make it `server`.
  '500 JSON': {
    status: 500,
    headers: { 'content-type': 'application/json' },
    body: '{"statusCode":500,"error":"Internal Server Error","message":"upstream failed"}',
  },
  '502 HTML': {
    status: 502,
    headers: { 'content-type': 'text/html' },
    body: '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>',
  },
  '200 malformed JSON': {
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: '{"access_token":"eyJhbGciOi","token_type":',
  },
  '200 empty': { status: 200, headers: { 'content-type': 'application/json' }, body: '' },
  '429 Retry-After': {
    status: 429,
    headers: { 'content-type': 'text/html', 'retry-after': String(RETRY_AFTER_SECONDS) },
    body: '<html><body>Too Many Requests</body></html>',
  },
  '401 HTML': {
    status: 401,
    headers: { 'content-type': 'text/html' },
    body: '<html><body><h1>401 Authorization Required</h1></body></html>',
  },
  '403 odd JSON': {
    status: 403,
    headers: { 'content-type': 'application/json' },
    body: '{"message":"Forbidden","requestId":"abc-123"}',
  },
};

/** The error code a request that expects a JSON answer must end in, per fault. */
export const EXPECTED_CODE: Record<Fault, PasswordlessErrorCode> = {
  hang: 'timeout',
  reset: 'network',
  '500 JSON': 'server',
  '502 HTML': 'server',
  '200 malformed JSON': 'invalid_response',
  '200 empty': 'invalid_response',
  '429 Retry-After': 'rate_limited',
  '401 HTML': 'invalid_response',
  '403 odd JSON': 'invalid_response',
};

/** A 2xx whose body the request does not need: `/passwordless/start` and `/oauth/revoke` take any 2xx as done. */
export const isBodylessSuccess = (fault: Fault) => fault === '200 malformed JSON' || fault === '200 empty';
