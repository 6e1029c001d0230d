import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadLabRegister } from './attendance-api';

/** The lab's whole register (every session) as Excel or CSV, for the tutors and admins; the caller gives the heading. */
export function LabRegisterDownloads({ labId }: { labId: string }) {
  const { t } = useTranslation();
  const [failed, setFailed] = useState(false);
  const download = (format: 'csv' | 'xlsx') => {
    setFailed(false);
    downloadLabRegister(labId, format, t(`live.downloads.fileName.${format}`)).catch(() => setFailed(true));
  };
  return (
    <>
      <p className="small">{t('live.downloads.hint')}</p>
      <div className="d-flex flex-wrap gap-2">
        <button type="button" className="btn btn-outline-primary btn-sm" onClick={() => download('xlsx')}>
          {t('live.downloads.xlsx')}
        </button>
        <button type="button" className="btn btn-outline-primary btn-sm" onClick={() => download('csv')}>
          {t('live.downloads.csv')}
        </button>
      </div>
      <div role="alert">{failed && <p className="text-danger mt-2">{t('live.downloads.failed')}</p>}</div>
    </>
  );
}
