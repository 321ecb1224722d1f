// Supabase's auth client doing the same: e-mail OTP, then a TOTP factor (challenge and verify).
import { AuthClient } from '@supabase/auth-js';

export async function signIn(email: string, code: () => Promise<string>, mfaCode: () => Promise<string>) {
  const client = new AuthClient({ url: 'https://project.supabase.co/auth/v1' });
  await client.signInWithOtp({ email });
  await client.verifyOtp({ email, token: await code(), type: 'email' });
  const { data } = await client.mfa.listFactors();
  const factorId = data?.totp[0]?.id ?? '';
  return client.mfa.challengeAndVerify({ factorId, code: await mfaCode() });
}
