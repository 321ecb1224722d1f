export const GRANT_PASSWORDLESS_OTP = 'http://auth0.com/oauth/grant-type/passwordless/otp';
export const GRANT_MFA_OTP = 'http://auth0.com/oauth/grant-type/mfa-otp';
export const GRANT_MFA_OOB = 'http://auth0.com/oauth/grant-type/mfa-oob';
export const GRANT_MFA_RECOVERY_CODE = 'http://auth0.com/oauth/grant-type/mfa-recovery-code';
export const GRANT_REFRESH_TOKEN = 'refresh_token';
export const GRANT_AUTHORIZATION_CODE = 'authorization_code';

const dashboardNames: Record<string, string> = {
  [GRANT_PASSWORDLESS_OTP]: 'Passwordless OTP',
  [GRANT_MFA_OTP]: 'MFA',
  [GRANT_MFA_OOB]: 'MFA',
  [GRANT_MFA_RECOVERY_CODE]: 'MFA',
  [GRANT_REFRESH_TOKEN]: 'Refresh Token',
  [GRANT_AUTHORIZATION_CODE]: 'Authorization Code',
};

/** The checkbox label under Applications > Advanced Settings > Grant Types. */
export function grantDashboardName(grant: string): string | undefined {
  return dashboardNames[grant];
}
