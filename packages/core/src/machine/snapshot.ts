import type { SnapshotFrom } from 'xstate';
import type { PasswordlessMachine } from './machine.ts';

export type PasswordlessSnapshot = SnapshotFrom<PasswordlessMachine>;
