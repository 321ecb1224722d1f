import type { Mermaid } from 'mermaid';

let loading: Promise<Mermaid> | undefined;

/**
 * Mermaid text to SVG. Mermaid is large, so it loads only when the inspector opens; it ships in
 * the bundle (no CDN), so the chart works offline. `strict` sanitises what it renders.
 */
export async function renderChart(id: string, text: string): Promise<string> {
  loading ??= import('mermaid').then(({ default: mermaid }) => {
    // Natural size: shrunk to fit, the chart is unreadable; the panel scrolls to the active states instead.
    mermaid.initialize({
      startOnLoad: false,
      securityLevel: 'strict',
      theme: 'neutral',
      state: { useMaxWidth: false },
    });
    return mermaid;
  });
  const { svg } = await (await loading).render(id, text);
  return svg;
}

/** Brings the active leaf state into view inside the chart's own scroll box. */
export function scrollToActive(container: HTMLElement | null): void {
  const active = container?.querySelector('svg g.active');
  if (!container || !active) return;
  const box = container.getBoundingClientRect();
  const target = active.getBoundingClientRect();
  container.scrollTo({
    left: container.scrollLeft + target.left - box.left - box.width / 2 + target.width / 2,
    top: container.scrollTop + target.top - box.top - box.height / 2 + target.height / 2,
  });
}
