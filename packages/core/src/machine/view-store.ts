import type { PasswordlessActorRef } from './machine.ts';
import { replaceEqualDeep } from './structural-sharing.ts';
import { getPasswordlessView, type PasswordlessSnapshot, type PasswordlessView } from './view.ts';

/**
 * A view to render and be told about: the same object until something in it changed, and then
 * every unchanged part (`can`, `session`, `mfa.authenticators`, …) still the previous object. So
 * `===` is change detection: React's `useSyncExternalStore` and Vue's `!==` need no deep compare,
 * and effects that depend on a slice do not re-run on each countdown tick. `RemoteFlow` is one too.
 */
export interface PasswordlessViewStore {
  getView(): PasswordlessView;
  /** Called with the new view only when it changed; returns the unsubscribe function. */
  subscribe(listener: (view: PasswordlessView) => void): () => void;
}

/** The view store of a running chart (the actor's own snapshots, shared structurally). */
export function createViewStore(actorRef: PasswordlessActorRef): PasswordlessViewStore {
  let snapshot: PasswordlessSnapshot | undefined;
  let view: PasswordlessView | undefined;
  const getView = () => {
    const current = actorRef.getSnapshot();
    if (current !== snapshot || !view) {
      snapshot = current;
      view = replaceEqualDeep(view, getPasswordlessView(current));
    }
    return view;
  };
  return {
    getView,
    subscribe(listener) {
      let seen = getView();
      const onChange = () => {
        const next = getView();
        if (next === seen) return;
        seen = next;
        listener(next);
      };
      // On an error too: a failed actor's view says so instead of freezing on the last step.
      return actorRef.subscribe({ next: onChange, error: onChange }).unsubscribe;
    },
  };
}
