import { usePasswordlessContext } from '@passwordless-xstate/react';
import { useEffect, useRef, useState, type RefObject } from 'react';
import { announcement } from 'demo-shared/announce';
import { keepFocus } from 'demo-shared/focus';
import { createFlowHistory, type FlowHistory } from 'demo-shared/history';

/** The card keeps focus on a meaningful control when the focused one is disabled (demo-shared/focus). */
export function useKeptFocus(card: RefObject<HTMLElement | null>) {
  useEffect(() => (card.current ? keepFocus(card.current) : undefined), [card]);
}

/** Back and Forward move between the steps a person can go back to (demo-shared/history). */
export function FlowHistoryEntries() {
  const flow = usePasswordlessContext();
  const latest = useRef(flow);
  latest.current = flow;
  const history = useRef<FlowHistory | null>(null);
  useEffect(() => {
    const created = createFlowHistory(() => latest.current);
    history.current = created;
    return () => {
      created.stop();
      history.current = null;
    };
  }, []);
  useEffect(() => history.current?.update(), [flow.step]);
  return null;
}

/** The polite live region: what the flow is doing when no new heading or field says it. */
export function FlowAnnouncer() {
  const flow = usePasswordlessContext();
  const previous = useRef(flow);
  const [message, setMessage] = useState('');
  useEffect(() => {
    const said = announcement(previous.current, flow);
    previous.current = flow;
    if (said) setMessage(said);
  }, [flow]);
  return (
    <div className="sr-only" aria-live="polite">
      {message}
    </div>
  );
}
