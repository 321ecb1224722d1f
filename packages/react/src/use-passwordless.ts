import {
  createPasswordlessActions,
  getPasswordlessView,
  persistPasswordless,
  restorePasswordless,
  type PasswordlessActions,
  type PasswordlessActorRef,
  type PasswordlessSnapshot,
  type PasswordlessView,
} from '@passwordless-xstate/core';
import { useActorRef, useSelector } from '@xstate/react';
import { useEffect, useMemo, useState } from 'react';
import { deepEqual } from './equal.ts';
import { toActorArgs, type UsePasswordlessOptions } from './options.ts';

export type UsePasswordlessResult = PasswordlessView &
  PasswordlessActions & { actorRef: PasswordlessActorRef };

// Snapshots are immutable, so every selector of one snapshot can share one view.
const views = new WeakMap<PasswordlessSnapshot, PasswordlessView>();
export function viewOf(snapshot: PasswordlessSnapshot): PasswordlessView {
  let view = views.get(snapshot);
  if (!view) views.set(snapshot, (view = getPasswordlessView(snapshot)));
  return view;
}

/**
 * One actor per mount: options are read once, like useActorRef's. It starts in an effect, so a
 * server render never runs it, and nothing is sent until the person acts (StrictMode sends no code).
 */
export function usePasswordlessActor(options: UsePasswordlessOptions): PasswordlessActorRef {
  const { persist, ...flow } = options;
  const [[logic, actorOptions]] = useState(() => {
    const restored = persist ? restorePasswordless(persist.storage, { key: persist.key }) : undefined;
    return toActorArgs(restored ? { ...flow, snapshot: restored } : flow);
  });
  const actorRef = useActorRef(logic, actorOptions);
  const { storage, key, includeSecrets } = persist || {};
  // Declared after useActorRef: on unmount the actor is stopped (observers muted) before this unsubscribes.
  useEffect(
    () => (storage ? persistPasswordless(actorRef, storage, { key, includeSecrets }) : undefined),
    [actorRef, storage, key, includeSecrets],
  );
  return actorRef;
}

/** View and actions of a running flow; re-renders only when the view changes, not on every tick. */
export function usePasswordlessState(actorRef: PasswordlessActorRef): UsePasswordlessResult {
  const view = useSelector(actorRef, viewOf, deepEqual);
  const actions = useMemo(() => createPasswordlessActions(actorRef.send), [actorRef]);
  return useMemo(() => ({ ...view, ...actions, actorRef }), [view, actions, actorRef]);
}

export function usePasswordless(options: UsePasswordlessOptions): UsePasswordlessResult {
  return usePasswordlessState(usePasswordlessActor(options));
}
