/** The newest dev-outbox message to `to` on the emulator at `emulatorUrl`. */
export async function latestMessage(
  emulatorUrl: string,
  to: string,
): Promise<{ id: string; code?: string; link?: string }> {
  const response = await fetch(`${emulatorUrl}/__dev/outbox?to=${encodeURIComponent(to)}`);
  const messages = (await response.json()) as Array<{ id: string; code?: string; link?: string }>;
  const message = messages.at(-1);
  if (!message) throw new Error(`Nothing in the outbox for ${to}`);
  return message;
}

export async function currentTotp(emulatorUrl: string, email: string): Promise<string> {
  const response = await fetch(`${emulatorUrl}/__dev/totp?email=${encodeURIComponent(email)}`);
  return ((await response.json()) as { code: string }).code;
}
