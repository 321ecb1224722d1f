import type { AnyStateNode } from 'xstate';
import { choosableAuthenticators } from './chart-context.ts';
import type { PasswordlessContext, PasswordlessEvent } from './types.ts';
import type { PasswordlessSnapshot } from './snapshot.ts';

export type PasswordlessActionName =
  | 'submitIdentifier'
  | 'submitCode'
  | 'resend'
  | 'changeIdentifier'
  | 'handleMagicLinkCallback'
  | 'selectAuthenticator'
  | 'enroll'
  | 'submitMfaCode'
  | 'useRecoveryCode'
  | 'submitRecoveryCode'
  | 'retry'
  | 'back'
  | 'cancel'
  | 'logout'
  | 'refresh'
  | 'acknowledgeRecoveryCode';

/** `["sent.code.valid", "sent.resend.cooling"]` from a nested state value: one path per active leaf. */
export function stateValuePaths(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return [`${prefix}${value}`];
  if (!value || typeof value !== 'object') return [prefix.replace(/\.$/, '')];
  return Object.entries(value).flatMap(([key, child]) => stateValuePaths(child, `${prefix}${key}.`));
}

/** One event per action, as the action sends it (guards that read the event see a typical one). */
export function sampleEvents(
  context: PasswordlessContext,
): Record<PasswordlessActionName, PasswordlessEvent> {
  const firstAuthenticator = choosableAuthenticators(context.mfa?.authenticators ?? [])[0]?.id ?? '';
  return {
    submitIdentifier: { type: 'SUBMIT_IDENTIFIER', identifier: '' },
    submitCode: { type: 'SUBMIT_CODE', otp: '' },
    resend: { type: 'RESEND' },
    changeIdentifier: { type: 'CHANGE_IDENTIFIER' },
    handleMagicLinkCallback: { type: 'MAGIC_LINK_CALLBACK', callbackUrl: '' },
    selectAuthenticator: { type: 'SELECT_AUTHENTICATOR', authenticatorId: firstAuthenticator },
    enroll: { type: 'ENROLL', factor: 'otp' },
    submitMfaCode: { type: 'SUBMIT_MFA_CODE', otp: '' },
    useRecoveryCode: { type: 'USE_RECOVERY_CODE' },
    submitRecoveryCode: { type: 'SUBMIT_RECOVERY_CODE', recoveryCode: '' },
    retry: { type: 'RETRY' },
    back: { type: 'BACK' },
    cancel: { type: 'CANCEL' },
    logout: { type: 'LOGOUT' },
    refresh: { type: 'REFRESH' },
    acknowledgeRecoveryCode: { type: 'ACKNOWLEDGE_RECOVERY_CODE' },
  };
}

/** Event types with a transition in an active state or one of its ancestors, per state value. */
const handledByValue = new Map<string, ReadonlySet<string>>();

function handledEvents(snapshot: PasswordlessSnapshot): ReadonlySet<string> {
  const key = JSON.stringify(snapshot.value);
  let handled = handledByValue.get(key);
  if (!handled) {
    const types = new Set<string>();
    for (const path of stateValuePaths(snapshot.value)) {
      let node: AnyStateNode | undefined = snapshot.machine.getStateNodeById(
        `${snapshot.machine.id}.${path}`,
      );
      for (; node; node = node.parent) for (const type of Object.keys(node.on)) types.add(type);
    }
    handledByValue.set(key, (handled = types));
  }
  return handled;
}

/**
 * Which actions the chart accepts now: `snapshot.can()` for the events an active state handles,
 * `false` at once for the rest (most of them, in any one state), so a view costs a few checks, not 16.
 */
export function allowedActions(snapshot: PasswordlessSnapshot): Record<PasswordlessActionName, boolean> {
  const handled = handledEvents(snapshot);
  const samples = sampleEvents(snapshot.context);
  const can = {} as Record<PasswordlessActionName, boolean>;
  for (const name of Object.keys(samples) as PasswordlessActionName[]) {
    const event = samples[name];
    can[name] = handled.has(event.type) && snapshot.can(event);
  }
  return can;
}
