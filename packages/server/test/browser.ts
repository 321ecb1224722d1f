import type { PasswordlessPublicView } from '@passwordless-xstate/core';

export interface FlowAnswer {
  status: number;
  headers: Headers;
  body: { version?: number; view?: PasswordlessPublicView; error?: string; error_description?: string };
}

/**
 * A browser as far as the server can tell: a cookie jar, its `Origin` on every POST, and a record
 * of every body and cookie it was sent (to search them for secrets).
 */
export class TestBrowser {
  readonly jar = new Map<string, string>();
  readonly received: string[] = [];
  version = 0;

  constructor(
    readonly origin: string,
    readonly basePath = '/auth/passwordless',
  ) {}

  private remember(response: Response, text: string) {
    this.received.push(text);
    for (const cookie of response.headers.getSetCookie()) {
      this.received.push(cookie);
      const [pair = ''] = cookie.split(';');
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator);
      const value = pair.slice(separator + 1);
      if (value === '' || /max-age=0/i.test(cookie)) this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }

  cookieHeader(): string {
    return [...this.jar].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.jar.size > 0 && !headers.has('cookie')) headers.set('cookie', this.cookieHeader());
    const response = await fetch(`${this.origin}${path}`, { redirect: 'manual', ...init, headers });
    const text = await response.clone().text();
    this.remember(response, text);
    return response;
  }

  async answer(response: Response): Promise<FlowAnswer> {
    const body = (await response.json()) as FlowAnswer['body'];
    if (typeof body.version === 'number') this.version = body.version;
    return { status: response.status, headers: response.headers, body };
  }

  async flow(): Promise<FlowAnswer> {
    return this.answer(await this.request(`${this.basePath}/flow`));
  }

  async send(event: Record<string, unknown>, headers: Record<string, string> = {}): Promise<FlowAnswer> {
    const response = await this.request(`${this.basePath}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: this.origin, ...headers },
      body: JSON.stringify({ event, version: this.version }),
    });
    return this.answer(response);
  }

  async logout(): Promise<FlowAnswer> {
    const response = await this.request(`${this.basePath}/logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: this.origin },
      body: '{}',
    });
    return this.answer(response);
  }
}
