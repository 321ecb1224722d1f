import type { TestProject } from 'vitest/node';
import { startEmulator } from '@passwordless-xstate/emulator';

declare module 'vitest' {
  export interface ProvidedContext {
    emulatorUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const emulator = await startEmulator({ port: 0, log: false });
  project.provide('emulatorUrl', emulator.url);
  return () => emulator.close();
}
