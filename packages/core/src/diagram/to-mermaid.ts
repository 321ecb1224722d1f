import type { AnyStateMachine, AnyStateNode, Snapshot } from 'xstate';

export interface ToMermaidOptions {
  /** Mark the states this snapshot is in (the active configuration, nested and parallel). */
  active?: Snapshot<unknown>;
  /** Leave out transitions on these event types (e.g. a clock `TICK` that every state accepts). */
  hideEvents?: string[];
}

const mermaidId = (node: AnyStateNode) => node.path.join('__') || 'root';

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

function activeNodes(snapshot: Snapshot<unknown> | undefined): AnyStateNode[] {
  const nodes = (snapshot as { _nodes?: AnyStateNode[] } | undefined)?._nodes ?? [];
  return nodes.filter((node) => node.parent);
}

function declare(node: AnyStateNode, indent: string, lines: string[]): void {
  const children = Object.values(node.states) as AnyStateNode[];
  const id = mermaidId(node);
  if (children.length === 0) {
    lines.push(`${indent}state "${node.key}" as ${id}`);
    return;
  }
  lines.push(`${indent}state "${node.key}" as ${id} {`);
  if (node.type === 'parallel') {
    children.forEach((child, index) => {
      if (index > 0) lines.push(`${indent}  --`);
      declare(child, `${indent}  `, lines);
    });
  } else {
    for (const child of children) declare(child, `${indent}  `, lines);
    const initial = node.initial?.target?.[0] as AnyStateNode | undefined;
    if (initial) lines.push(`${indent}  [*] --> ${mermaidId(initial)}`);
  }
  lines.push(`${indent}}`);
}

function transitions(node: AnyStateNode, hidden: Set<string>, lines: string[]): void {
  const definitions = [...[...node.transitions.values()].flat(), ...(node.always ?? [])] as Array<{
    eventType: string;
    target?: AnyStateNode[];
    guard?: unknown;
  }>;
  for (const transition of definitions) {
    if (!transition.target?.length || hidden.has(transition.eventType)) continue;
    const guard = guardLabel(transition.guard);
    const event = transition.eventType ? eventLabel(transition.eventType) : 'always';
    const label = guard ? `${event} [${guard}]` : event;
    for (const target of transition.target)
      lines.push(`  ${mermaidId(node)} --> ${mermaidId(target)}: ${label}`);
  }
  for (const child of Object.values(node.states) as AnyStateNode[]) transitions(child, hidden, lines);
}

/**
 * The chart as a Mermaid `stateDiagram-v2` (renders on GitHub and npm): nested and parallel states,
 * every transition labelled with its event and guard, and the active configuration highlighted.
 */
export function toMermaid(machine: AnyStateMachine, options: ToMermaidOptions = {}): string {
  const lines = ['stateDiagram-v2'];
  const root = machine.root;
  for (const child of Object.values(root.states) as AnyStateNode[]) declare(child, '  ', lines);
  const initial = root.initial?.target?.[0] as AnyStateNode | undefined;
  if (initial) lines.push(`  [*] --> ${mermaidId(initial)}`);
  const hidden = new Set(options.hideEvents ?? []);
  transitions(root, hidden, lines);
  // Leaves are what the chart is in; their parents are only outlined, so the leaf stands out.
  const active = activeNodes(options.active);
  const leaves = active.filter((node) => Object.keys(node.states).length === 0).map(mermaidId);
  const parents = active.filter((node) => Object.keys(node.states).length > 0).map(mermaidId);
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
