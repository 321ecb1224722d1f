// Child process: the published emulator on loopback, rate limits off (every bench login comes from
// one address). Reports its URL and start-up times to the parent, closes on SIGTERM.
const began = performance.now();
const { startEmulator, unlimitedRates } = await import('@passwordless-xstate/emulator');
const imported = performance.now();
const emulator = await startEmulator({
  port: 0,
  host: '127.0.0.1',
  log: false,
  config: { limits: unlimitedRates },
});
const listening = performance.now();

process.send?.({
  type: 'ready',
  url: emulator.url,
  importMs: imported - began,
  startMs: listening - imported,
});
process.once('SIGTERM', () => void emulator.close().finally(() => process.exit(0)));
