import { passwordlessMachine, stateValuePaths } from '@passwordless-xstate/core';
import { mermaidStateId, toMermaid } from '@passwordless-xstate/core/diagram';
import type { Mermaid } from 'mermaid';

let loading: Promise<Mermaid> | undefined;

/**
 * Mermaid text to SVG. Mermaid is large, so it loads only when the inspector opens; it ships in
 * the bundle (no CDN), so the chart works offline. `strict` sanitises what it renders.
 */
async function renderChart(id: string, text: string): Promise<string> {
  loading ??= import('mermaid').then(({ default: mermaid }) => {
    // Natural size; the view scales the drawing itself (zoom, fit).
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

const texts = new Map<string, string>();

/**
 * The demo's chart as Mermaid text: all of it, or (`focused`) only the top-level state that
 * `value` is in expanded. No highlight in it: the view moves that by class.
 */
export function chartText(value: unknown, focused: boolean): string {
  const top =
    typeof value === 'string' ? value : value && typeof value === 'object' ? Object.keys(value)[0] : '';
  const key = focused && top ? top : '';
  let text = texts.get(key);
  if (text === undefined) {
    text = toMermaid(passwordlessMachine, { hideEvents: ['TICK'], ...(key ? { focus: key } : {}) });
    texts.set(key, text);
  }
  return text;
}

/** One press of Zoom in or Zoom out. */
export const ZOOM_STEP = 1.25;
const MIN_SCALE = 0.05;
const MAX_SCALE = 4;

export interface ChartView {
  /** Draws the chart; the same text as last time is not drawn again. Rejects when Mermaid fails. */
  draw(text: string): Promise<void>;
  /** Moves the highlight by class: `active` on each active leaf, `activeParent` on the states around it. */
  highlight(value: unknown): void;
  /** Scales the drawing by `factor` around the middle of what is in view. */
  zoom(factor: number): void;
  /** Scales the whole drawing to fit the box. */
  fit(): void;
  /** Brings the active leaf state into the middle of the box. */
  scrollToActive(): void;
  /** Stops: a drawing still under way is dropped instead of replacing another view's. */
  stop(): void;
}

/**
 * The live chart in `box` (a scroll container), framework-free: Mermaid draws it once (again only
 * when the text changes, as the focused view does when the top-level state changes), and a state
 * change only moves two class names. `onScale` hears the scale after every change (1 = natural).
 */
export function createChartView(box: HTMLElement, id: string, onScale?: (scale: number) => void): ChartView {
  let text: string | undefined;
  let drawing = 0;
  let svg: SVGSVGElement | null = null;
  let size = { width: 0, height: 0 };
  let scale = 1;
  // Mermaid names each state's group `<id>-state-<mermaidStateId>-<n>`.
  let states = new Map<string, Element>();
  let value: unknown;
  let marked: Element[] = [];

  const resize = () => {
    if (!svg) return;
    svg.setAttribute('width', String(size.width * scale));
    svg.setAttribute('height', String(size.height * scale));
    onScale?.(scale);
  };

  let stopped = false;
  const view: ChartView = {
    async draw(next) {
      if (next === text) return;
      text = next;
      const mine = ++drawing;
      const rendered = await renderChart(`${id}-${mine}`, next);
      if (mine !== drawing || stopped) return;
      box.innerHTML = rendered;
      svg = box.querySelector('svg');
      const viewBox = svg?.viewBox.baseVal;
      size = { width: viewBox?.width ?? 0, height: viewBox?.height ?? 0 };
      const name = new RegExp(`^${id}-${mine}-state-(.+)-\\d+$`);
      states = new Map();
      for (const group of box.querySelectorAll('svg g[id]')) {
        const match = name.exec(group.id);
        if (match?.[1]) states.set(match[1], group);
      }
      marked = [];
      resize();
      view.highlight(value);
    },
    highlight(next) {
      value = next;
      for (const element of marked) element.classList.remove('active', 'activeParent');
      marked = [];
      for (const path of value === undefined ? [] : stateValuePaths(value)) {
        // The deepest state that is drawn is the leaf (the focused view draws others as one box).
        const ids = path.split('.').map((_, index, keys) => mermaidStateId(keys.slice(0, index + 1)));
        const drawn = ids.filter((stateId) => states.has(stateId));
        drawn.forEach((stateId, index) => {
          const element = states.get(stateId)!;
          element.classList.add(index === drawn.length - 1 ? 'active' : 'activeParent');
          marked.push(element);
        });
      }
    },
    zoom(factor) {
      const middle = {
        x: (box.scrollLeft + box.clientWidth / 2) / scale,
        y: (box.scrollTop + box.clientHeight / 2) / scale,
      };
      scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale * factor));
      resize();
      box.scrollTo({
        left: middle.x * scale - box.clientWidth / 2,
        top: middle.y * scale - box.clientHeight / 2,
      });
    },
    fit() {
      if (!size.width || !size.height) return;
      const style = getComputedStyle(box);
      const room = {
        width: box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight),
        height: box.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom),
      };
      scale = Math.min(
        MAX_SCALE,
        Math.max(MIN_SCALE, Math.min(room.width / size.width, room.height / size.height)),
      );
      resize();
      box.scrollTo({ left: 0, top: 0 });
    },
    stop() {
      stopped = true;
    },
    scrollToActive() {
      const active = box.querySelector('svg g.active');
      if (!active) return;
      const frame = box.getBoundingClientRect();
      const target = active.getBoundingClientRect();
      box.scrollTo({
        left: box.scrollLeft + target.left - frame.left - frame.width / 2 + target.width / 2,
        top: box.scrollTop + target.top - frame.top - frame.height / 2 + target.height / 2,
      });
    },
  };
  return view;
}
