import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// Every step waits on real HTTP to the emulator (and a JWKS fetch for the first ID token).
configure({ asyncUtilTimeout: 5000 });
afterEach(() => cleanup());
