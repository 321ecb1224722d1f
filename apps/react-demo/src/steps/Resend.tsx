import type { PasswordlessFlowState } from '@passwordless-xstate/react';
import { useState } from 'react';
import { copy } from 'demo-shared/copy';
import { clock } from 'demo-shared/format';

/** Resend with its cooldown, plus the way back to the identify step. */
export function ResendRow(props: { flow: PasswordlessFlowState; what: string; onResend?: () => void }) {
  const { flow, what } = props;
  const [asked, setAsked] = useState(false);
  const resending = asked && flow.busy;
  const resend = () => {
    setAsked(true);
    props.onResend?.();
    flow.resend();
  };
  // Once the code is dead, the resend button becomes the primary action (see className below).
  // The countdown is not live (it would be read out every second); only the confirmation is.
  const wait = flow.secondsUntilResend > 0 ? copy.resend.wait(what, clock(flow.secondsUntilResend)) : '';
  return (
    <div className="resend">
      <p id="resend-hint" className="hint">
        {wait || copy.resend.idle(what)}
      </p>
      <p role="status" className="status">
        {asked && !flow.busy && !flow.error ? copy.resend.onItsWay(what) : ''}
      </p>
      <div className="row">
        <button
          type="button"
          className={flow.codeExpired ? 'button primary' : 'button secondary'}
          disabled={!flow.can.resend || resending}
          aria-describedby="resend-hint"
          onClick={resend}
        >
          {resending ? copy.resend.busy : copy.resend.button(what)}
        </button>
        <button type="button" className="button link" onClick={flow.changeIdentifier}>
          {copy.resend.changeIdentifier(flow.connection)}
        </button>
      </div>
    </div>
  );
}
