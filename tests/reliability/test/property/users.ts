import type { Connection } from '@passwordless-xstate/core';

/** A seeded user of the emulator (see its README), with what a person would have at hand. */
export interface TestUser {
  identifier: string;
  connection: Connection;
  totpSecret?: string;
  recoveryCode?: string;
}

export const USERS: TestUser[] = [
  { identifier: 'alice@example.com', connection: 'email' },
  { identifier: '+15555550100', connection: 'sms' },
  {
    identifier: 'totp@example.com',
    connection: 'email',
    totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
    recoveryCode: 'TOTPUSERRECOVERYCODE0001',
  },
  { identifier: 'sms-mfa@example.com', connection: 'email', recoveryCode: 'SMSMFAUSERRECOVERYCODE01' },
  { identifier: 'email-mfa@example.com', connection: 'email', recoveryCode: 'EMAILMFARECOVERYCODE0001' },
  { identifier: 'push@example.com', connection: 'email', recoveryCode: 'PUSHUSERRECOVERYCODE0001' },
  {
    identifier: 'multi@example.com',
    connection: 'email',
    totpSecret: 'KRUGS4ZANFZSAYJAONSWG4TFOQQQ',
    recoveryCode: 'MULTIUSERRECOVERYCODE001',
  },
  {
    identifier: 'recovery@example.com',
    connection: 'email',
    totpSecret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
    recoveryCode: 'RECOVERYUSERCODE00000001',
  },
  { identifier: 'enroll@example.com', connection: 'email' },
  { identifier: 'blocked@example.com', connection: 'email' },
];

/** Every recovery code a run could type: secrets, wherever they turn up. */
export const SEEDED_SECRETS = USERS.flatMap((user) => [user.recoveryCode, user.totpSecret]).filter(
  (value): value is string => value !== undefined,
);
