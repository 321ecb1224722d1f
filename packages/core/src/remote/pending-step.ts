import type { PasswordlessEvent } from '../machine/types.ts';
import { otpLooksValid } from '../machine/rules.ts';
import type { PasswordlessStep, PasswordlessView } from '../machine/view.ts';
import { validateEmail, validatePhoneNumber } from '../validation.ts';

const identifierLooksValid = (view: PasswordlessView, identifier: unknown, connection: unknown) =>
  ((connection ?? view.connection) === 'sms' ? validatePhoneNumber(identifier) : validateEmail(identifier))
    .ok;

/**
 * The step the chart enters while the request this event starts is running ("Sending…",
 * "Verifying…", a new MFA challenge, signing out), so that a UI in server mode, which waits for the
 * server's answer, shows the same screens as one that runs the chart in the browser. An event the
 * chart answers without a request, or refuses, keeps the current step until the answer comes.
 * `remote-flow`'s model test checks this against the chart in every reachable situation.
 */
export function pendingStep(view: PasswordlessView, event: PasswordlessEvent): PasswordlessStep {
  const { step } = view;
  switch (event.type) {
    case 'SUBMIT_IDENTIFIER':
      return step === 'identify' && identifierLooksValid(view, event.identifier, event.connection)
        ? 'sending'
        : step;
    case 'SUBMIT_CODE':
      return step === 'code' && !view.codeExpired && otpLooksValid(event.otp) ? 'verifying' : step;
    case 'SELECT_AUTHENTICATOR':
      return step === 'mfa_choose' ? 'mfa_loading' : step;
    case 'RETRY':
      if (step === 'mfa_failed') return 'mfa_loading';
      // A rejected push asks again, unless it was an enrolment, which goes back to its form.
      return step === 'mfa_push' && view.mfa?.push?.rejected === true && view.mfa.enrollment === null
        ? 'mfa_loading'
        : step;
    case 'RESEND':
      return step === 'mfa_oob' && view.mfa?.enrollment == null ? 'mfa_loading' : step;
    case 'LOGOUT':
      return step === 'authenticated' ? 'signing_out' : step;
    default:
      // MFA codes are verified on the screen they were typed into (busy), as in the chart.
      return step;
  }
}
