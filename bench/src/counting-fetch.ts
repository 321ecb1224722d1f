// A `fetch` that records each request the client makes (method and path, nothing of the body, so no
// code or token is kept), for the requests-per-flow rows.
export interface RecordedRequest {
  method: string;
  path: string;
  status: number;
}

export interface CountingFetch {
  fetch: typeof fetch;
  requests: RecordedRequest[];
  reset(): void;
}

export function createCountingFetch(inner: typeof fetch = globalThis.fetch): CountingFetch {
  const requests: RecordedRequest[] = [];
  const counting: typeof fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const response = await inner(input, init);
    requests.push({ method, path: new URL(url).pathname, status: response.status });
    return response;
  };
  return { fetch: counting, requests, reset: () => void (requests.length = 0) };
}

/** `POST /oauth/token (403)`, the way the docs list requests. */
export const describeRequest = ({ method, path, status }: RecordedRequest) => `${method} ${path} → ${status}`;
