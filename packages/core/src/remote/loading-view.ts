import { inertView, noActions, type PasswordlessView } from '../machine/view.ts';

export { noActions };

/**
 * The view before the server's first answer (and what a server render shows): the first step, with
 * nothing allowed yet, because the flow may already be further along in this browser's cookie.
 */
export const loadingView: PasswordlessView = inertView;
