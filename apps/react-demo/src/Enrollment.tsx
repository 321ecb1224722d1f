import type { PasswordlessMfaView } from '@passwordless-xstate/react';
import { toDataURL } from 'qrcode';
import { useEffect, useState } from 'react';

function QrCode({ uri, label }: { uri: string; label: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    void toDataURL(uri, { margin: 1, width: 296, errorCorrectionLevel: 'M' }).then((url) => {
      if (current) setSrc(url);
    });
    return () => {
      current = false;
    };
  }, [uri]);
  return src ? <img className="qr" src={src} width={148} height={148} alt={label} /> : <div className="qr" />;
}

/** What a new authenticator needs: the QR code, the secret for typing it in, and the recovery code. */
export function EnrollmentDetails({
  enrollment,
}: {
  enrollment: NonNullable<PasswordlessMfaView['enrollment']>;
}) {
  const app = enrollment.factor === 'push' ? 'Guardian app' : 'authenticator app';
  return (
    <div className="enrollment">
      <div className="enrollment-top">
        {enrollment.barcodeUri ? (
          <QrCode uri={enrollment.barcodeUri} label={`QR code for your ${app}`} />
        ) : null}
        <div className="enrollment-text">
          <p className="hint">Scan the QR code with your {app}.</p>
          {enrollment.secret ? (
            <p>
              <span className="label" id="secret-label">
                Can't scan? Enter this key
              </span>
              <code className="secret" aria-labelledby="secret-label">
                {enrollment.secret.replace(/(.{4})/g, '$1 ').trim()}
              </code>
            </p>
          ) : null}
        </div>
      </div>
      {enrollment.recoveryCodes?.length ? (
        <div className="recovery-box">
          <span className="label">Your recovery code</span>
          <ul aria-label="Recovery codes">
            {enrollment.recoveryCodes.map((code) => (
              <li key={code}>
                <code>{code}</code>
              </li>
            ))}
          </ul>
          <p className="hint">Save it somewhere safe: it signs you in if you lose your device.</p>
        </div>
      ) : null}
    </div>
  );
}
