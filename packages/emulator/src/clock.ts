/** Milliseconds since the epoch. Tests inject a clock they can move; the dev API can move the default one. */
export interface Clock {
  now(): number;
}

export interface AdjustableClock extends Clock {
  /** Move time forward (or back, with a negative value). */
  advance(milliseconds: number): void;
  /** Undo every `advance` (real time again for the system clock). */
  reset?(): void;
}

/** Real time plus an offset, so `POST /__dev/clock` can fast-forward a running emulator. */
export function createSystemClock(): AdjustableClock {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    advance: (milliseconds) => {
      offset += milliseconds;
    },
    reset: () => {
      offset = 0;
    },
  };
}

/** A clock that only moves when told to. */
export function createManualClock(start = Date.UTC(2026, 0, 1)): AdjustableClock {
  let current = start;
  return {
    now: () => current,
    advance: (milliseconds) => {
      current += milliseconds;
    },
  };
}

/**
 * The range a moved clock must stay in: four-digit years keep every `Date`, ISO timestamp and token
 * expiry (now + lifetime) valid, so one bad `advanceSeconds` cannot break every later request.
 */
export const CLOCK_RANGE = { earliest: 0, latest: Date.UTC(9999, 11, 31, 23, 59, 59, 999) } as const;

/** Moves `clock` unless that would leave `CLOCK_RANGE`; answers whether it moved. */
export function advanceWithinRange(clock: AdjustableClock, milliseconds: number): boolean {
  const target = clock.now() + milliseconds;
  if (!Number.isFinite(target) || target < CLOCK_RANGE.earliest || target > CLOCK_RANGE.latest) return false;
  clock.advance(milliseconds);
  return true;
}

export const isAdjustable = (clock: Clock): clock is AdjustableClock =>
  typeof (clock as Partial<AdjustableClock>).advance === 'function';
