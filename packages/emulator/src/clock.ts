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

export const isAdjustable = (clock: Clock): clock is AdjustableClock =>
  typeof (clock as Partial<AdjustableClock>).advance === 'function';
