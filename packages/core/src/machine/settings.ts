import type { PasswordlessConfig } from './types.ts';

type NumericSetting = {
  [Key in keyof PasswordlessConfig]-?: PasswordlessConfig[Key] extends number ? Key : never;
}[keyof PasswordlessConfig];

// The least each timing may be. A zero cooldown or leeway is a choice; a zero lifetime, interval
// or timeout would expire, poll or give up at once, and `maxAttempts` counts whole attempts.
const least: Record<NumericSetting, { min: number; above?: true; integer?: true }> = {
  resendCooldownSeconds: { min: 0 },
  codeLifetimeSeconds: { min: 0, above: true },
  maxAttempts: { min: 1, integer: true },
  pushPollIntervalSeconds: { min: 0, above: true },
  mfaTokenLifetimeSeconds: { min: 0, above: true },
  refreshLeewaySeconds: { min: 0 },
  requestTimeoutMs: { min: 0, above: true },
};

const choices = { connection: ['email', 'sms'], send: ['code', 'link'] } as const;

/**
 * Refuses settings the chart cannot run with (a `NaN` from `Number(process.env.X)`, a negative
 * interval, an unknown connection), naming the setting, when the flow is created rather than as a
 * stuck or busy-looping flow later. `who` starts the message (`passwordlessMachine`, the server).
 */
export function checkPasswordlessSettings(settings: Partial<PasswordlessConfig>, who: string): void {
  for (const [name, rule] of Object.entries(least) as [NumericSetting, (typeof least)[NumericSetting]][]) {
    const value: unknown = settings[name];
    if (value === undefined) continue;
    const valid =
      typeof value === 'number' &&
      Number.isFinite(value) &&
      (rule.above ? value > rule.min : value >= rule.min) &&
      (!rule.integer || Number.isInteger(value));
    if (!valid) {
      const wanted = `${rule.integer ? 'a whole number' : 'a finite number'} ${rule.above ? 'above' : 'of at least'} ${rule.min}`;
      throw new RangeError(`${who}: \`${name}\` must be ${wanted} (got ${String(value)}).`);
    }
  }
  for (const [name, allowed] of Object.entries(choices) as [keyof typeof choices, readonly string[]][]) {
    const value: unknown = settings[name];
    if (value !== undefined && !allowed.includes(value as string))
      throw new RangeError(
        `${who}: \`${name}\` must be ${allowed.map((choice) => `"${choice}"`).join(' or ')} (got ${String(value)}).`,
      );
  }
}
