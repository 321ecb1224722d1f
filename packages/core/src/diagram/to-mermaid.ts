import type { AnyStateMachine, AnyStateNode, Snapshot, StateValue } from 'xstate';

export interface ToMermaidOptions {
  /** Mark the states this snapshot is in (the active configuration, nested and parallel). */
  active?: Snapshot<unknown>;
  /** Leave out transitions on these event types (e.g. a clock `TICK` that every state accepts). */
  hideEvents?: string[];
  /**
   * Expand only this top-level state (its key, or `true` for the one `active` is in); every other
   * top-level state is drawn as one box, with the transitions into and out of it. A chart of a
   * hundred transitions stays readable this way. Default: everything expanded.
   */
  focus?: string | true;
}

/**
 * The id a state has in `toMermaid`'s text, from its path (`['sent', 'code', 'valid']`), so a UI can
 * find the drawn state Mermaid made of it (Mermaid names its group `…-state-<id>-<n>`).
 */
export const mermaidStateId = (path: readonly string[]) => path.join('__') || 'root';

const mermaidId = (node: AnyStateNode) => mermaidStateId(node.path);
const childrenOf = (node: AnyStateNode) => Object.values(node.states) as AnyStateNode[];

function guardLabel(guard: unknown): string {
  if (!guard) return '';
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'object' && guard !== null && 'type' in guard) {
    const { type } = guard as { type: unknown };
    if (typeof type === 'string') return type;
  }
  if (typeof guard === 'function') {
    // `and()`, `or()` and `not()` are functions that keep the guards they combine.
    const { name, guards } = guard as { name?: string; guards?: unknown[] };
    if (guards) return `${name}(${guards.map(guardLabel).join(', ')})`;
    return name && name !== 'guard' ? name : 'guarded';
  }
  return 'guarded';
}

function eventLabel(eventType: string): string {
  const actor = /^xstate\.(done|error)\.actor\.(.+)$/.exec(eventType);
  if (actor) return `${actor[2]} ${actor[1] === 'done' ? 'done' : 'failed'}`;
  const delayed = /^xstate\.after\.([^.]+)\./.exec(eventType);
  if (delayed) return `after ${delayed[1]}`;
  return eventType;
}

/** The state nodes a snapshot is in, read from its public `value` (parents before children). */
function activeNodes(machine: AnyStateMachine, snapshot: Snapshot<unknown> | undefined): AnyStateNode[] {
  const value = snapshot && 'value' in snapshot ? (snapshot.value as StateValue) : undefined;
  const found: AnyStateNode[] = [];
  const walk = (parent: AnyStateNode, value: StateValue) => {
    const entries: Array<[string, StateValue | undefined]> =
      typeof value === 'string' ? [[value, undefined]] : Object.entries(value);
    for (const [key, below] of entries) {
      const node = parent.states[key] as AnyStateNode | undefined;
      if (!node) continue;
      found.push(node);
      if (below !== undefined) walk(node, below);
    }
  };
  if (value !== undefined) walk(machine.root, value);
  return found;
}

/** Which node stands for `node` in the drawing: itself, or the collapsed top-level state it is in. */
type Drawn = (node: AnyStateNode) => AnyStateNode;

function declare(
  node: AnyStateNode,
  indent: string,
  lines: string[],
  expand: (node: AnyStateNode) => boolean,
) {
  const children = childrenOf(node);
  const id = mermaidId(node);
  if (children.length === 0 || !expand(node)) {
    lines.push(`${indent}state "${node.key}" as ${id}`);
    return;
  }
  lines.push(`${indent}state "${node.key}" as ${id} {`);
  if (node.type === 'parallel') {
    children.forEach((child, index) => {
      if (index > 0) lines.push(`${indent}  --`);
      declare(child, `${indent}  `, lines, expand);
    });
  } else {
    for (const child of children) declare(child, `${indent}  `, lines, expand);
    const initial = node.initial?.target?.[0] as AnyStateNode | undefined;
    if (initial) lines.push(`${indent}  [*] --> ${mermaidId(initial)}`);
  }
  lines.push(`${indent}}`);
}

function transitions(node: AnyStateNode, hidden: Set<string>, drawn: Drawn, lines: string[]): void {
  const definitions = [...[...node.transitions.values()].flat(), ...(node.always ?? [])] as Array<{
    eventType: string;
    target?: AnyStateNode[];
    guard?: unknown;
  }>;
  const from = drawn(node);
  for (const transition of definitions) {
    if (!transition.target?.length || hidden.has(transition.eventType)) continue;
    const guard = guardLabel(transition.guard);
    const event = transition.eventType ? eventLabel(transition.eventType) : 'always';
    const label = guard ? `${event} [${guard}]` : event;
    for (const target of transition.target) {
      const to = drawn(target);
      // Inside a collapsed state: nothing to draw (its own self-transitions stay).
      if (from === to && (from !== node || to !== target)) continue;
      lines.push(`  ${mermaidId(from)} --> ${mermaidId(to)}: ${label}`);
    }
  }
  for (const child of childrenOf(node)) transitions(child, hidden, drawn, lines);
}

/**
 * Collapsing makes many transitions run between the same two boxes: one edge for each pair, its
 * labels one per line (each label once).
 */
function merged(edges: string[]): string[] {
  const labels = new Map<string, Set<string>>();
  for (const edge of edges) {
    const split = edge.indexOf(': ');
    const pair = edge.slice(0, split);
    const set = labels.get(pair) ?? new Set<string>();
    set.add(edge.slice(split + 2));
    labels.set(pair, set);
  }
  return [...labels].map(([pair, set]) => `${pair}: ${[...set].join('<br/>')}`);
}

/**
 * The chart as a Mermaid `stateDiagram-v2` (renders on GitHub and npm): nested and parallel states,
 * every transition labelled with its event and guard, and the active configuration highlighted.
 */
export function toMermaid(machine: AnyStateMachine, options: ToMermaidOptions = {}): string {
  const root = machine.root;
  const active = activeNodes(machine, options.active);
  const focus = options.focus === true ? active[0]?.key : options.focus;
  const topLevel = (node: AnyStateNode) => (node.path.length > 0 ? root.states[node.path[0]!] : undefined);
  const expand = (node: AnyStateNode) => focus === undefined || topLevel(node)?.key === focus;
  const drawn: Drawn = (node) => {
    const top = topLevel(node) as AnyStateNode | undefined;
    return top && !expand(top) ? top : node;
  };

  const lines = ['stateDiagram-v2'];
  for (const child of childrenOf(root)) declare(child, '  ', lines, expand);
  const initial = root.initial?.target?.[0] as AnyStateNode | undefined;
  if (initial) lines.push(`  [*] --> ${mermaidId(initial)}`);
  const edges: string[] = [];
  transitions(root, new Set(options.hideEvents ?? []), drawn, edges);
  lines.push(...(focus === undefined ? edges : merged(edges)));

  // Leaves are what the chart is in; their parents are only outlined, so the leaf stands out.
  const shown = [...new Set(active.map(drawn))];
  const isLeaf = (node: AnyStateNode) => childrenOf(node).length === 0 || !expand(node);
  const leaves = shown.filter(isLeaf).map(mermaidId);
  const parents = shown.filter((node) => !isLeaf(node)).map(mermaidId);
  if (leaves.length > 0) {
    lines.push(
      '  classDef active fill:#ffd54a,stroke:#b7791f,stroke-width:3px,color:#1c1d21,font-weight:bold',
    );
    lines.push(`  class ${leaves.join(',')} active`);
  }
  if (parents.length > 0) {
    lines.push('  classDef activeParent fill:#fff8e1,stroke:#b7791f,stroke-width:2px');
    lines.push(`  class ${parents.join(',')} activeParent`);
  }
  return `${lines.join('\n')}\n`;
}
