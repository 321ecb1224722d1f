import {
  passwordlessMachine,
  redactSecrets,
  stateValuePaths,
  toMermaid,
  usePasswordlessActorRef,
  usePasswordlessSelector,
} from '@passwordless-xstate/react';
import { useEffect, useId, useRef, useState, useSyncExternalStore } from 'react';
import { renderChart, scrollToActive } from 'demo-shared/chart';
import { inspectionLog } from 'demo-shared/inspection';

// Local wall-clock time with milliseconds: events often come a few ms apart.
const time = (at: number) =>
  `${new Date(at).toLocaleTimeString([], { hour12: false })}.${String(at % 1000).padStart(3, '0')}`;

/** The chart, live: the diagram with the active states highlighted, the event log and the context. */
export function InspectorPanel() {
  const actorRef = usePasswordlessActorRef();
  // Re-draw only when the state changes, not on every tick.
  const active = usePasswordlessSelector((_, snapshot) => JSON.stringify(snapshot?.value));
  const context = usePasswordlessSelector((_, snapshot) =>
    JSON.stringify(redactSecrets(snapshot?.context), null, 2),
  );
  const entries = useSyncExternalStore(inspectionLog.subscribe, inspectionLog.entries);
  const [svg, setSvg] = useState('');
  const [failed, setFailed] = useState(false);
  const chartId = `chart-${useId().replace(/:/g, '')}`;
  const chartBox = useRef<HTMLElement>(null);
  useEffect(() => scrollToActive(chartBox.current), [svg]);

  useEffect(() => {
    let current = true;
    const text = toMermaid(passwordlessMachine, { active: actorRef.getSnapshot(), hideEvents: ['TICK'] });
    renderChart(chartId, text).then(
      (rendered) => current && (setSvg(rendered), setFailed(false)),
      () => current && setFailed(true),
    );
    return () => {
      current = false;
    };
  }, [active, actorRef, chartId]);

  return (
    <section className="inspector" aria-labelledby="inspector-title">
      <h2 id="inspector-title">Statechart inspector</h2>
      <p className="inspector-active">
        Active: <code>{stateValuePaths(JSON.parse(active)).join(' · ')}</code>
      </p>
      <div className="inspector-grid">
        <figure className="inspector-chart" aria-label="Statechart" ref={chartBox}>
          {failed ? <p>The chart could not be drawn.</p> : null}
          <div dangerouslySetInnerHTML={{ __html: svg }} />
        </figure>
        <div className="inspector-side">
          <h3>Events</h3>
          <ol className="inspector-log" aria-label="Events">
            {[...entries].reverse().map((entry) => (
              <li key={entry.id}>
                <time>{time(entry.at)}</time> <code>{entry.eventType}</code>
                <span className="inspector-to">→ {stateValuePaths(entry.value).join(' · ')}</span>
              </li>
            ))}
          </ol>
          <h3>Context (secrets masked)</h3>
          <pre className="inspector-context" aria-label="Context">
            {context}
          </pre>
        </div>
      </div>
    </section>
  );
}
