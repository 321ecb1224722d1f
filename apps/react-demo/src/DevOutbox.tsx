import { stateValuePaths, usePasswordlessSelector } from '@passwordless-xstate/react';
import { useCallback, useEffect, useState } from 'react';

interface OutboxMessage {
  id: string;
  to: string;
  channel: 'email' | 'sms' | 'voice' | 'push';
  purpose: string;
  code?: string;
  link?: string;
  push?: { status: 'pending' | 'approved' | 'rejected' };
  sentAt: string;
}

/** What the emulator "sent": codes, links and push prompts, so the demo works without e-mail or SMS. */
export function DevOutbox({ baseUrl }: { baseUrl: string }) {
  const [messages, setMessages] = useState<OutboxMessage[]>([]);
  const [offline, setOffline] = useState(false);
  const state = usePasswordlessSelector((view, snapshot) =>
    snapshot ? stateValuePaths(snapshot.value).join(' · ') : `${view.step} (the chart runs on the server)`,
  );

  const load = useCallback(async () => {
    try {
      const response = await fetch(`${baseUrl}__dev/outbox`);
      setMessages(((await response.json()) as OutboxMessage[]).slice(-6).reverse());
      setOffline(false);
    } catch {
      setOffline(true);
    }
  }, [baseUrl]);

  // Every chart transition (a code sent, a challenge started) refreshes at once; the timer catches the rest.
  useEffect(() => {
    void load();
  }, [load, state]);
  useEffect(() => {
    const timer = setInterval(() => void load(), 1500);
    return () => clearInterval(timer);
  }, [load]);

  const decide = async (id: string, decision: 'approve' | 'reject') => {
    // An unreachable emulator shows as offline after the reload below.
    await fetch(`${baseUrl}__dev/push/${id}/${decision}`, { method: 'POST' }).catch(() => undefined);
    await load();
  };

  return (
    <aside className="devpanel" aria-labelledby="outbox-title">
      <h2 id="outbox-title">Dev outbox</h2>
      <p className="devpanel-note">
        The emulator delivers nothing: codes, links and push prompts land here. Updates every 1.5 s.
      </p>
      {offline ? (
        <p className="devpanel-empty">
          No emulator at {baseUrl}. Start it with <code>pnpm emulator</code>.
        </p>
      ) : messages.length === 0 ? (
        <p className="devpanel-empty">Nothing sent yet.</p>
      ) : (
        <ul className="outbox">
          {messages.map((message) => (
            <li key={message.id}>
              <div className="outbox-meta">
                <span className={`tag tag-${message.channel}`}>{message.channel}</span>
                <span className="outbox-to">{message.to}</span>
                <time dateTime={message.sentAt}>{new Date(message.sentAt).toLocaleTimeString()}</time>
              </div>
              {message.code ? <code className="outbox-code">{message.code}</code> : null}
              {message.link ? <a href={message.link}>Open magic link</a> : null}
              {message.push ? (
                message.push.status === 'pending' ? (
                  <div className="row">
                    <button
                      type="button"
                      className="button small"
                      onClick={() => void decide(message.id, 'approve')}
                    >
                      Approve push
                    </button>
                    <button
                      type="button"
                      className="button small ghost"
                      onClick={() => void decide(message.id, 'reject')}
                    >
                      Reject push
                    </button>
                  </div>
                ) : (
                  <span className="outbox-decided">Push {message.push.status}</span>
                )
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <h3>Chart state</h3>
      <code className="chart-state">{state}</code>
    </aside>
  );
}
