// `@passwordless-xstate/core/diagram`: the chart drawn as Mermaid, for docs and devtools panels.
// Its own entry, so that apps which do not draw the chart do not ship the drawing code.
export { mermaidStateId, toMermaid, type ToMermaidOptions } from './diagram/to-mermaid.ts';
