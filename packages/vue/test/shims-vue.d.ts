// For plain `tsc`: it cannot read SFCs. `pnpm typecheck` (vue-tsc) checks them and their props for real.
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<Record<string, unknown>>;
  export default component;
}
