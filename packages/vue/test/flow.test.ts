import { fireEvent, render, screen } from '@testing-library/vue';
import { describe, expect, it } from 'vitest';
import { enter } from './dom.ts';
import { totp, useEmulator } from '../../core/test/support/use-emulator.ts';
import OwnFlow from './OwnFlow.vue';

const emulator = useEmulator();

async function signInFirstFactor(email: string) {
  render(OwnFlow, { props: { options: emulator.options() } });
  await enter('Email', email);
  await screen.findByLabelText('Code');
  await enter('Code', emulator.current.latestCode(email) ?? '');
}

describe('usePasswordless against the emulator', () => {
  it('e-mail code: identify, a wrong code, the right code, signed in, logged out', async () => {
    render(OwnFlow, { props: { options: emulator.options() } });
    expect(screen.getByTestId('step').textContent).toBe('identify');
    await enter('Email', 'alice@example.com');
    await screen.findByLabelText('Code');
    const code = emulator.current.latestCode('alice@example.com') ?? '';
    await enter('Code', code === '000000' ? '111111' : '000000');
    expect((await screen.findByRole('alert')).textContent).toBe('invalid_code');
    await enter('Code', code);
    await screen.findByText('Signed in as alice@example.com');
    await fireEvent.click(screen.getByRole('button', { name: 'Log out' }));
    await screen.findByLabelText('Email');
  });

  it('MFA by TOTP', async () => {
    await signInFirstFactor('totp@example.com');
    await enter('MFA code', totp('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'));
    await screen.findByText('Signed in as totp@example.com');
  });

  it('MFA by SMS binding code', async () => {
    await signInFirstFactor('sms-mfa@example.com');
    await screen.findByLabelText('MFA code');
    await enter('MFA code', emulator.current.latestCode('+15555550101') ?? '');
    await screen.findByText('Signed in as sms-mfa@example.com');
  });

  it('MFA: choose push among factors, then approve it', async () => {
    await signInFirstFactor('multi@example.com');
    await fireEvent.click(await screen.findByRole('button', { name: 'push-notification' }));
    await screen.findByText(/Waiting for approval/);
    const push = emulator.current.outbox('multi@example.com').findLast((message) => message.push);
    await fetch(`${emulator.current.url}/__dev/push/${push?.id}/approve`, { method: 'POST' });
    await screen.findByText('Signed in as multi@example.com');
  });

  it('MFA by recovery code shows the new one', async () => {
    await signInFirstFactor('recovery@example.com');
    await fireEvent.click(await screen.findByRole('button', { name: 'Use a recovery code' }));
    await enter('Recovery code', 'RECOVERYUSERCODE00000001');
    await screen.findByText('Signed in as recovery@example.com');
    expect(screen.getByTestId('new-recovery').textContent).toMatch(/^[A-Z0-9]{24}$/);
  });

  it('MFA enrolment of an authenticator app', async () => {
    await signInFirstFactor('enroll@example.com');
    await fireEvent.click(await screen.findByRole('button', { name: 'Enrol an app' }));
    const secret = (await screen.findByTestId('secret')).textContent ?? '';
    await enter('MFA code', totp(secret));
    await screen.findByText('Signed in as enroll@example.com');
  });
});
