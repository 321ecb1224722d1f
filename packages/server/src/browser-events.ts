import type { PasswordlessEvent } from '@passwordless-xstate/core';
import { HttpProblem } from './http.ts';

/**
 * The chart's events a browser may send, each with the fields it may carry. The server adds `TICK`
 * with its own clock, builds `MAGIC_LINK_CALLBACK` from its callback route, and handles logout
 * and refresh itself; anything else a body holds is dropped before the chart sees it. The chart
 * checks the values (a number where text belongs is an error in the view, not a crash).
 */
const allowedFields: Record<string, readonly string[]> = {
  SUBMIT_IDENTIFIER: ['identifier', 'connection', 'send'],
  SUBMIT_CODE: ['otp'],
  RESEND: [],
  CHANGE_IDENTIFIER: [],
  SELECT_AUTHENTICATOR: ['authenticatorId'],
  ENROLL: ['factor', 'phoneNumber', 'email'],
  SUBMIT_MFA_CODE: ['otp'],
  USE_RECOVERY_CODE: [],
  SUBMIT_RECOVERY_CODE: ['recoveryCode'],
  RETRY: [],
  BACK: [],
  CANCEL: [],
  ACKNOWLEDGE_RECOVERY_CODE: [],
  // Asks for the current view and lets due timers run (push polls, expiries): the server's clock.
  TICK: [],
};

export interface EventRequest {
  event: PasswordlessEvent;
  /** The version of the flow the browser last saw; `0` before it has one. */
  version: number;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function parseEventRequest(body: unknown): EventRequest {
  if (!isRecord(body) || !isRecord(body.event)) {
    throw new HttpProblem(400, 'invalid_request', 'Send { "event": { "type": … }, "version": n }.');
  }
  const { type } = body.event;
  const fields = typeof type === 'string' ? allowedFields[type] : undefined;
  if (!fields) {
    throw new HttpProblem(400, 'invalid_event', `Unknown event type ${JSON.stringify(type)}.`);
  }
  const version = body.version;
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 0) {
    throw new HttpProblem(
      400,
      'invalid_request',
      '`version` must be the flow version last seen (0 at first).',
    );
  }
  const event: Record<string, unknown> = { type };
  for (const field of fields) {
    if (field in body.event) event[field] = body.event[field];
  }
  return { event: event as unknown as PasswordlessEvent, version };
}
