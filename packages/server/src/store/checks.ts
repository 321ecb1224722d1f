import type { FlowRecord } from './types.ts';

// Both stores check their arguments alike, so a caller's mistake fails the same way on either.

export function checkWrite(expectedVersion: number, record: FlowRecord, ttlMs: number): void {
  if (!Number.isSafeInteger(expectedVersion) || expectedVersion < 0) {
    throw new RangeError(`expectedVersion must be a non-negative integer, got ${String(expectedVersion)}`);
  }
  if (record.version !== expectedVersion + 1) {
    throw new RangeError(`record.version must be ${expectedVersion + 1}, got ${String(record.version)}`);
  }
  if (record.leaseUntil !== null && !Number.isFinite(record.leaseUntil)) {
    throw new RangeError(
      `record.leaseUntil must be null or a finite number, got ${String(record.leaseUntil)}`,
    );
  }
  if (!Number.isFinite(ttlMs) || ttlMs <= 0) {
    throw new RangeError(`ttlMs must be a positive number, got ${String(ttlMs)}`);
  }
}

export function checkHit(limit: number, windowMs: number): void {
  if (!Number.isSafeInteger(limit) || limit < 0) {
    throw new RangeError(`limit must be a non-negative integer, got ${String(limit)}`);
  }
  if (!Number.isFinite(windowMs) || windowMs <= 0) {
    throw new RangeError(`windowMs must be a positive number, got ${String(windowMs)}`);
  }
}
