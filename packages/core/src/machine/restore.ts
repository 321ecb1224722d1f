import { initialContext } from './chart-context.ts';
import type { PasswordlessMachine } from './machine.ts';

/**
 * The version of the chart's stored shape. Bump it when a state is renamed or removed, or a context
 * field changes meaning, so that flows stored by an earlier release are discarded, not misread.
 */
export const CHART_VERSION = 4;

export type RestoreCheck = { ok: true } | { ok: false; reason: string };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Whether `snapshot` can be resumed by this chart: an active snapshot whose states all exist and
 * whose context has every field the chart reads, each of the expected kind. A snapshot from another
 * chart version, edited by hand or cut short fails here instead of starting the actor in `error`.
 */
export function checkRestorable(machine: PasswordlessMachine, snapshot: unknown): RestoreCheck {
  if (!isRecord(snapshot) || snapshot.status !== 'active')
    return { ok: false, reason: 'not an active snapshot' };
  const { context, value } = snapshot;
  if (!isRecord(context) || !isRecord(context.config) || typeof context.config.clientId !== 'string') {
    return { ok: false, reason: 'no usable context' };
  }
  const expected = initialContext({ clientId: 'x', domain: 'x' }, 0);
  for (const [key, fresh] of Object.entries(expected)) {
    const stored = context[key];
    // Fields that start as null hold a value later (a time, an object), so only their presence is checked.
    const sameKind = fresh === null ? stored !== undefined : typeof stored === typeof fresh;
    if (!sameKind) return { ok: false, reason: `context.${key} is missing or of another kind` };
  }
  try {
    machine.resolveState({ value: value as never, context: context as never });
  } catch {
    return { ok: false, reason: 'a stored state does not exist in this chart' };
  }
  return { ok: true };
}
