import { createPasswordlessActions, createPasswordlessActor, waitForStep } from '@passwordless-xstate/core';
import * as OTPAuth from 'otpauth';

const baseUrl = process.env.AUTH0_BASE_URL ?? 'http://127.0.0.1:4000/'; // `pnpm emulator`
const lastCode = async (to: string) =>
  ((await (await fetch(`${baseUrl}__dev/outbox?to=${to}`)).json()) as { code: string }[]).at(-1)?.code ?? '';

const login = createPasswordlessActor({ baseUrl, clientId: 'pwl-native' }).start();
const { submitIdentifier, submitCode, submitMfaCode } = createPasswordlessActions(login.send);

submitIdentifier('totp@example.com');
await waitForStep(login, 'code');
submitCode(await lastCode('totp@example.com'));
await waitForStep(login, 'mfa_otp');
submitMfaCode(new OTPAuth.TOTP({ secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' }).generate());
const { context } = await waitForStep(login, 'authenticated');
console.log(`Signed in as ${context.session?.user?.email} with MFA (amr: ${context.session?.claims?.amr})`);
login.stop();
