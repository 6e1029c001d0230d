import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from '@tanstack/react-query';
import { QRCodeSVG } from 'qrcode.react';
import { toApiError } from '../../api/problem';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useFormatters } from '../../i18n/format';
import { LivePanel } from './LivePanel';
import { newCheckInCode } from './live-api';
import { romeClock } from './live-time';

/** A code lasts about a minute: a fresh one comes a little before, so the one shown always works. */
const REFRESH_MS = 50_000;

/** Absolute address of the check-in page the QR code opens on a participant's phone. */
export function checkInUrl(sessionId: string, code: string, checkInPath?: string): string {
  const path = checkInPath ?? `/sessioni/${sessionId}/check-in?code=${encodeURIComponent(code)}`;
  return new URL(path, window.location.origin).toString();
}

/**
 * "Registro presenze in aula": the rotating check-in code as a QR code and in large letters,
 * for the room's screen. Only whoever leads the room asks for codes.
 */
export function CheckInCodePanel({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation();
  const { locale } = useFormatters();
  const rotate = useMutation({ mutationFn: () => newCheckInCode(sessionId) });
  const { mutate } = rotate;

  useEffect(() => {
    mutate();
    const timer = window.setInterval(() => mutate(), REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [mutate]);

  const code = rotate.data;
  const url = code ? checkInUrl(sessionId, code.code, code.checkInPath) : null;

  return (
    <LivePanel
      id="live-check-in"
      title={t('live.checkInPanel.title')}
      actions={
        <button
          type="button"
          className="btn btn-outline-primary btn-sm"
          aria-disabled={rotate.isPending}
          onClick={() => !rotate.isPending && mutate()}
        >
          {t('live.checkInPanel.refresh')}
        </button>
      }
    >
      <p className="small">{t('live.checkInPanel.hint')}</p>
      {rotate.isError && <ProblemAlert error={toApiError(rotate.error)} />}
      {code && url && (
        <div className="d-flex flex-wrap align-items-center gap-4">
          <QRCodeSVG
            value={url}
            size={176}
            marginSize={2}
            role="img"
            aria-label={t('live.checkInPanel.qrLabel')}
            title={t('live.checkInPanel.qrLabel')}
          />
          <div>
            <p className="mb-1 small">{t('live.checkInPanel.code')}</p>
            <p className="live-check-in-code mb-1" data-testid="check-in-code" data-url={url}>
              {code.code}
            </p>
            <p className="small mb-0">
              {t('live.checkInPanel.expires', { time: romeClock(code.expiresAt, locale, true) })}
            </p>
          </div>
        </div>
      )}
    </LivePanel>
  );
}
