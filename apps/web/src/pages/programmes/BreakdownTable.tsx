import { useTranslation } from 'react-i18next';
import type { IndicatorBreakdown } from '@convergo/contracts';
import { useFormatters } from '../../i18n/format';

/** A breakdown as a table: the data behind a chart or the map, for screen readers and print. */
export function BreakdownTable({
  id,
  caption,
  breakdown,
  unit,
}: {
  id: string;
  caption: string;
  breakdown: IndicatorBreakdown;
  unit?: string;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <div className="table-responsive">
      <table className="table table-sm indicator-table" data-breakdown={id}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{breakdown.label}</th>
            <th scope="col" className="text-end">
              {unit ? t('programmes.dashboard.valueIn', { unit }) : t('programmes.dashboard.value')}
            </th>
          </tr>
        </thead>
        <tbody>
          {breakdown.items.map((item) => (
            <tr key={item.key} data-key={item.key}>
              <th scope="row">{item.label}</th>
              <td className="text-end">{format.number(item.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
