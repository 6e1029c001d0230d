import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IndicatorBreakdown } from '@convergo/contracts';
import { BreakdownTable } from './BreakdownTable';
import { EChart } from './EChart';
import { ITALY_MAP } from './echarts-setup';

export interface RegionMetric {
  key: string;
  label: string;
  breakdown: IndicatorBreakdown;
  unit?: string;
}

/** A choropleth of Italy's regions for one of the region breakdowns, switchable, with its table. */
export function RegionMap({ metrics }: { metrics: RegionMetric[] }) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState(metrics[0]?.key ?? '');
  const metric = metrics.find((m) => m.key === chosen) ?? metrics[0];
  const option = useMemo(() => {
    if (!metric) return {};
    const values = metric.breakdown.items.map((item) => item.value);
    const labels = new Map(metric.breakdown.items.map((item) => [item.key, item.label]));
    return {
      // Off: ECharts' own description would replace our label (in English, with raw keys); the table says it.
      aria: { enabled: false },
      tooltip: {
        trigger: 'item' as const,
        formatter: (p: { name: string; value: unknown }) =>
          `${labels.get(p.name) ?? p.name}: ${Number.isFinite(Number(p.value)) ? String(p.value) : '0'}`,
      },
      visualMap: {
        min: 0,
        max: Math.max(1, ...values),
        left: 'left',
        bottom: 0,
        calculable: false,
        inRange: { color: ['#e3eef9', '#0066cc', '#003366'] },
        text: [t('programmes.dashboard.more'), t('programmes.dashboard.less')],
      },
      series: [
        {
          type: 'map' as const,
          map: ITALY_MAP,
          name: metric.label,
          roam: false,
          itemStyle: { areaColor: '#f5f5f5', borderColor: '#5c6f82', borderWidth: 0.6 },
          emphasis: { label: { show: false }, itemStyle: { areaColor: '#ffd54f' } },
          data: metric.breakdown.items.map((item) => ({ name: item.key, value: item.value })),
        },
      ],
    };
  }, [metric, t]);
  if (!metric) return null;
  return (
    <section aria-labelledby="region-map-title" className="indicator-block mb-5">
      <h3 id="region-map-title" className="h5">
        {t('programmes.dashboard.mapTitle')}
      </h3>
      {metrics.length > 1 && (
        <fieldset className="mb-2 d-print-none">
          <legend className="small fw-semibold">{t('programmes.dashboard.mapMetric')}</legend>
          {metrics.map((m) => (
            <div key={m.key} className="form-check form-check-inline">
              <input
                className="form-check-input"
                type="radio"
                name="region-map-metric"
                id={`region-map-${m.key}`}
                checked={m.key === metric.key}
                onChange={() => setChosen(m.key)}
              />
              <label className="form-check-label" htmlFor={`region-map-${m.key}`}>
                {m.label}
              </label>
            </div>
          ))}
        </fieldset>
      )}
      <div className="region-map" data-metric={metric.key}>
        <EChart
          option={option}
          label={t('programmes.dashboard.mapLabel', { metric: metric.label })}
          height={460}
        />
      </div>
      <BreakdownTable
        id={`map-${metric.key}`}
        caption={metric.label}
        breakdown={metric.breakdown}
        unit={metric.unit}
      />
      <p className="small text-muted">{t('programmes.dashboard.mapCredit')}</p>
    </section>
  );
}
