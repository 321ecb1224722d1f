import { cleanup, configure, fireEvent, screen } from '@testing-library/vue';
import { afterEach } from 'vitest';

// Every step waits on real HTTP to the emulator (and a JWKS fetch for the first ID token).
configure({ asyncUtilTimeout: 5000 });
afterEach(() => cleanup());

export async function enter(label: string, value: string) {
  await fireEvent.update(await screen.findByLabelText(label), value);
  await fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
}

export const pause = (ms = 50) => new Promise((resolve) => setTimeout(resolve, ms));
