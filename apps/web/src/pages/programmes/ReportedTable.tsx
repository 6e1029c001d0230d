import { useTranslation } from 'react-i18next';
import type { IndicatorCode, ProgrammeIndicatorsView } from '@convergo/contracts';
import { useFormatters } from '../../i18n/format';

/**
 * Reported codes that mean a computed indicator under another name (AGIRE POR's documents say
 * "gemellaggi realizzati" and "PA coinvolte"); equal codes match by themselves.
 */
const SAME_MEANING: Record<string, IndicatorCode> = {
  'gemellaggi-realizzati': 'gemellaggi-conclusi',
  'pa-coinvolte': 'amministrazioni-coinvolte',
  'start-up': 'start-up-progetti',
};

/** The programme's reported targets and figures, each beside the computed value that means the same. */
export function ReportedTable({ view }: { view: ProgrammeIndicatorsView }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const shown = (value: number | null | undefined) =>
    value === null || value === undefined ? '—' : format.number(value);
  return (
    <section aria-labelledby="reported-title" className="mb-5">
      <h2 id="reported-title" className="h3">
        {t('programmes.dashboard.reported')}
      </h2>
      <div className="table-responsive">
        <table className="table table-sm reported-table">
          <caption>{t('programmes.dashboard.reportedCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('programmes.dashboard.indicator')}</th>
              <th scope="col" className="text-end">
                {t('programmes.dashboard.target')}
              </th>
              <th scope="col" className="text-end">
                {t('programmes.dashboard.declared')}
              </th>
              <th scope="col" className="text-end">
                {t('programmes.dashboard.computed')}
              </th>
            </tr>
          </thead>
          <tbody>
            {view.reported.map((reported) => {
              const code = SAME_MEANING[reported.code] ?? reported.code;
              const computed = view.computed.find((indicator) => indicator.code === code);
              return (
                <tr key={reported.code} data-reported={reported.code}>
                  <th scope="row">{reported.label}</th>
                  <td className="text-end">{shown(reported.target)}</td>
                  <td className="text-end">{shown(reported.achieved)}</td>
                  <td className="text-end">{shown(computed?.value)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
