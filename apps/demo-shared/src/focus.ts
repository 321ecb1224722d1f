/*
 * Keyboard focus inside the flow's card, whatever the framework. A browser drops focus to <body>
 * when the focused control is disabled or removed: after the last wrong code or at expiry (the
 * field and Verify are disabled), while "Verifying…" runs (the button is), after Resend (the
 * button cools down). A keyboard or screen-reader user is then lost at the top of the page.
 */

const TEXT_FIELDS = 'input:not([type=radio]):not([type=checkbox]):not([type=hidden]), textarea';
const CONTROLS = 'button, a[href], select, input[type=radio]:checked, input[type=checkbox]';

const usable = (element: Element): element is HTMLElement =>
  element instanceof HTMLElement &&
  !element.matches(':disabled') &&
  element.getAttribute('aria-disabled') !== 'true' &&
  element.getClientRects().length > 0;

/**
 * Where focus belongs in `root` now: the first text field that takes input (the code, once a new
 * one is on its way), else the first enabled button or link (Resend when the code is dead, the
 * way back while it cools down), else the step's heading.
 */
export function meaningfulControl(root: ParentNode): HTMLElement | null {
  const field = [...root.querySelectorAll(TEXT_FIELDS)].find(usable);
  if (field) return field;
  const control = [...root.querySelectorAll(CONTROLS)].find(usable);
  if (control) return control;
  const heading = root.querySelector('h1');
  return heading instanceof HTMLElement ? heading : null;
}

const lostFocus = () => {
  const active = document.activeElement;
  return !active || active === document.body || active.matches(':disabled');
};

/**
 * Watches `root`; when the control that had focus there is disabled or removed, focus moves to
 * `meaningfulControl(root)`. While focus still rests where it was put, a better control that comes
 * back (the code field once the new code is sent) takes it; as soon as the person moves focus
 * themselves, it is theirs. A new step that focuses its own field or heading is left alone.
 * Returns the function that stops watching.
 */
export function keepFocus(root: HTMLElement): () => void {
  let last: HTMLElement | null = null;
  let placed: HTMLElement | null = null;
  const remember = (event: FocusEvent) => {
    if (!(event.target instanceof HTMLElement) || !root.contains(event.target)) return;
    last = event.target;
    if (event.target !== placed) placed = null;
  };
  const move = (target: HTMLElement) => {
    placed = target;
    target.focus();
  };
  const check = () => {
    if (lostFocus()) {
      // Only a loss that the page caused: a click on an empty spot also focuses <body>.
      const dropped = last && (!last.isConnected || last.matches(':disabled'));
      const target = dropped ? meaningfulControl(root) : null;
      if (target) move(target);
      return;
    }
    if (!placed || document.activeElement !== placed) return;
    const better = meaningfulControl(root);
    if (
      better &&
      better !== placed &&
      better.compareDocumentPosition(placed) & Node.DOCUMENT_POSITION_FOLLOWING
    )
      move(better);
  };
  const observer = new MutationObserver(check);
  observer.observe(root, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['disabled', 'aria-disabled'],
  });
  document.addEventListener('focusin', remember);
  return () => {
    observer.disconnect();
    document.removeEventListener('focusin', remember);
  };
}
