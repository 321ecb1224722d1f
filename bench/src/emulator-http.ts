// The harness's side of the emulator: its dev endpoints (outbox, reset). Never timed.
export interface OutboxMessage {
  to: string;
  code?: string;
  link?: string;
}

export async function latestMessage(baseUrl: string, to: string): Promise<OutboxMessage> {
  const response = await fetch(`${baseUrl}/__dev/outbox?to=${encodeURIComponent(to)}`);
  const message = ((await response.json()) as OutboxMessage[]).at(-1);
  if (!message) throw new Error(`nothing in the emulator's outbox for ${to}`);
  return message;
}

export async function latestCode(baseUrl: string, to: string): Promise<string> {
  const { code } = await latestMessage(baseUrl, to);
  if (!code) throw new Error(`the newest message to ${to} has no code`);
  return code;
}

/** Back to the seed, so a seeded TOTP user may sign in again within the same 30-second step. */
export async function resetEmulator(baseUrl: string): Promise<void> {
  const response = await fetch(`${baseUrl}/__dev/reset`, { method: 'POST' });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`POST /__dev/reset answered ${response.status}`);
}

export const TOTP_USER = { email: 'totp@example.com', secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' };
export const NATIVE_CLIENT = 'pwl-native';
