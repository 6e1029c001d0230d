import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { IndicatorBreakdown } from '@convergo/contracts';
import { useFormatters } from '../../i18n/format';
import { EChart } from './EChart';
import { BreakdownTable } from './BreakdownTable';

/** Bars (or, for months, a line) of one breakdown, with its table as the accessible alternative. */
export function BreakdownChart({
  id,
  title,
  breakdown,
  unit,
}: {
  id: string;
  title: string;
  breakdown: IndicatorBreakdown;
  unit?: string;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const timeSeries = breakdown.dimension === 'mese';
  const option = useMemo(
    () => ({
      // Off: ECharts' own description would replace our label (in English, with raw keys); the table says it.
      aria: { enabled: false },
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' as const },
      xAxis: timeSeries
        ? { type: 'category' as const, data: breakdown.items.map((item) => item.label) }
        : { type: 'value' as const, minInterval: 1 },
      yAxis: timeSeries
        ? { type: 'value' as const }
        : { type: 'category' as const, inverse: true, data: breakdown.items.map((item) => item.label) },
      series: [
        {
          type: timeSeries ? ('line' as const) : ('bar' as const),
          name: title,
          data: breakdown.items.map((item) => item.value),
          itemStyle: { color: '#0066cc' },
          label: {
            show: !timeSeries,
            position: 'right' as const,
            formatter: (p: { value: unknown }) => format.number(Number(p.value)),
          },
        },
      ],
    }),
    [breakdown, timeSeries, title, format],
  );
  const empty = breakdown.items.length === 0;
  return (
    <section aria-labelledby={`${id}-title`} className="indicator-block mb-5">
      <h3 id={`${id}-title`} className="h5">
        {title}
      </h3>
      {empty ? (
        <p className="text-muted">{t('programmes.dashboard.noData')}</p>
      ) : (
        <>
          <EChart
            option={option}
            label={t('programmes.dashboard.chartLabel', { title })}
            height={timeSeries ? 260 : Math.max(140, 36 * breakdown.items.length + 40)}
          />
          <BreakdownTable id={id} caption={title} breakdown={breakdown} unit={unit} />
        </>
      )}
    </section>
  );
}
