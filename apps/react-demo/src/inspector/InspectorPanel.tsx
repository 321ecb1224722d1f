import { stateValuePaths, usePasswordlessSelector } from '@passwordless-xstate/react';
import { useEffect, useId, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { chartText, createChartView, ZOOM_STEP, type ChartView } from 'demo-shared/chart';
import { inspectionLog, redactedContextJson } from 'demo-shared/inspection';

// Local wall-clock time with milliseconds: events often come a few ms apart.
const time = (at: number) =>
  `${new Date(at).toLocaleTimeString([], { hour12: false })}.${String(at % 1000).padStart(3, '0')}`;

/** The chart, live: the diagram with the active states highlighted, the event log and the context. */
export function InspectorPanel() {
  // Only state changes reach the chart, not every tick.
  const active = usePasswordlessSelector((_, snapshot) => JSON.stringify(snapshot?.value));
  const context = usePasswordlessSelector((_, snapshot) => redactedContextJson(snapshot?.context));
  const entries = useSyncExternalStore(inspectionLog.subscribe, inspectionLog.entries);
  const value: unknown = useMemo(() => JSON.parse(active), [active]);
  const [focused, setFocused] = useState(false);
  const [scale, setScale] = useState(1);
  const [failed, setFailed] = useState(false);
  const chartId = `chart-${useId().replace(/[^\w-]/g, '')}`;
  const drawing = useRef<HTMLDivElement>(null);
  const chart = useRef<ChartView | null>(null);
  // The focused view's text changes with the top-level state only; the full chart's never.
  const text = chartText(value, focused);

  useEffect(() => {
    const view = drawing.current ? createChartView(drawing.current, chartId, setScale) : null;
    chart.current = view;
    return () => view?.stop();
  }, [chartId]);
  useEffect(() => {
    let current = true;
    chart.current?.draw(text).then(
      () => current && (setFailed(false), chart.current?.highlight(value), chart.current?.scrollToActive()),
      () => current && setFailed(true),
    );
    return () => {
      current = false;
    };
  }, [text, value]);

  return (
    <section className="inspector" aria-labelledby="inspector-title">
      <h2 id="inspector-title">Statechart inspector</h2>
      <p className="inspector-active">
        Active: <code>{stateValuePaths(value).join(' · ')}</code>
      </p>
      <div className="inspector-grid">
        <figure className="inspector-chart" aria-label="Statechart">
          <div className="inspector-tools" role="group" aria-label="Chart view">
            <button
              type="button"
              className="button small"
              aria-pressed={focused}
              onClick={() => setFocused((on) => !on)}
            >
              Focused view
            </button>
            <button type="button" className="button small" onClick={() => chart.current?.zoom(1 / ZOOM_STEP)}>
              Zoom out
            </button>
            <output aria-label="Zoom level">{Math.round(scale * 100)}%</output>
            <button type="button" className="button small" onClick={() => chart.current?.zoom(ZOOM_STEP)}>
              Zoom in
            </button>
            <button type="button" className="button small" onClick={() => chart.current?.fit()}>
              Fit to view
            </button>
          </div>
          {failed ? <p>The chart could not be drawn.</p> : null}
          {/* Focusable, so the keyboard scrolls it too. */}
          <div className="inspector-drawing" ref={drawing} tabIndex={0} role="group" aria-label="Drawing" />
        </figure>
        <div className="inspector-side">
          <h3>Events</h3>
          <ol className="inspector-log" aria-label="Events" tabIndex={0}>
            {[...entries].reverse().map((entry) => (
              <li key={entry.id}>
                <time>{time(entry.at)}</time> <code>{entry.eventType}</code>
                <span className="inspector-to">→ {stateValuePaths(entry.value).join(' · ')}</span>
              </li>
            ))}
          </ol>
          <h3>Context (secrets masked)</h3>
          <pre className="inspector-context" aria-label="Context" tabIndex={0}>
            {context}
          </pre>
        </div>
      </div>
    </section>
  );
}
