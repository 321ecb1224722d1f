import type { PasswordlessActorRef, PasswordlessSnapshot } from '@passwordless-xstate/core';
import { useCallback } from 'react';
import { useSyncExternalStoreWithSelector } from 'use-sync-external-store/with-selector';

/**
 * @xstate/react's `useSelector`, except for an actor that failed: that one throws its error during
 * render, whereas core's view turns it into an `error` the UI shows, so the page keeps working.
 */
export function useFlowSelector<T>(
  actorRef: PasswordlessActorRef,
  selector: (snapshot: PasswordlessSnapshot) => T,
  compare: (a: T, b: T) => boolean,
): T {
  const subscribe = useCallback(
    (onChange: () => void) => actorRef.subscribe({ next: onChange, error: onChange }).unsubscribe,
    [actorRef],
  );
  const getSnapshot = useCallback(() => actorRef.getSnapshot(), [actorRef]);
  return useSyncExternalStoreWithSelector(subscribe, getSnapshot, getSnapshot, selector, compare);
}
