import { describe, expect, it } from 'vitest';
import { expectError, loginUntilMfa, mfaGrant, SEED, str, useEmulator } from './helpers.ts';

const { email, recovery } = SEED.recovery;

describe('MFA with a recovery code', () => {
  const emulator = useEmulator();

  it('issues tokens and a new recovery code; the old one stops working', async () => {
    const first = await loginUntilMfa(emulator(), email);
    const reply = await mfaGrant(emulator(), 'mfaRecoveryCode', first.mfaToken, { recovery_code: recovery });
    expect(reply.status, reply.text).toBe(200);
    const next = str(reply, 'recovery_code');
    expect(next).toMatch(/^[A-Z0-9]{24}$/);
    expect(next).not.toBe(recovery);
    expect(reply.body).toMatchObject({
      access_token: expect.any(String),
      id_token: expect.any(String),
      token_type: 'Bearer',
    });

    const second = await loginUntilMfa(emulator(), email);
    const old = await mfaGrant(emulator(), 'mfaRecoveryCode', second.mfaToken, { recovery_code: recovery });
    expectError(old, 403, 'invalid_grant', 'Invalid recovery code.');
    expect(
      (await mfaGrant(emulator(), 'mfaRecoveryCode', second.mfaToken, { recovery_code: next })).status,
    ).toBe(200);
  });

  it('counts wrong recovery codes against the MFA failure bucket', async () => {
    const { mfaToken } = await loginUntilMfa(emulator(), email);
    for (let attempt = 0; attempt < 10; attempt += 1) {
      await mfaGrant(emulator(), 'mfaRecoveryCode', mfaToken, { recovery_code: 'WRONGWRONGWRONGWRONGWRON' });
    }
    expectError(
      await mfaGrant(emulator(), 'mfaRecoveryCode', mfaToken, { recovery_code: recovery }),
      429,
      'too_many_attempts',
    );
  });
});
