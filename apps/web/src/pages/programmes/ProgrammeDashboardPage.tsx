import { useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  roomName,
  type ComputedIndicator,
  type IndicatorCode,
  type IndicatorDimension,
  type ProgrammeIndicatorsView,
} from '@convergo/contracts';
import { toApiError } from '../../api/problem';
import { Loading } from '../../components/Loading';
import { ProblemAlert, problemMessage } from '../../components/ProblemAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { useFormatters } from '../../i18n/format';
import { useRoomEvents } from '../../realtime/useRoomEvents';
import { BreakdownChart } from './BreakdownChart';
import { ReportedTable } from './ReportedTable';
import { RegionMap, type RegionMetric } from './RegionMap';
import {
  downloadIndicatorsCsv,
  fetchIndicators,
  fetchProgrammes,
  programmeKeys,
  type IndicatorsPeriod,
} from './programmes-api';
import './programme-dashboard.css';

function find(view: ProgrammeIndicatorsView, code: IndicatorCode): ComputedIndicator | undefined {
  return view.computed.find((indicator) => indicator.code === code);
}

function breakdownOf(view: ProgrammeIndicatorsView, code: IndicatorCode, dimension: IndicatorDimension) {
  return find(view, code)?.breakdown?.find((b) => b.dimension === dimension);
}

/** The charts, in reading order: what the programme did, whom it reached, what it trained. */
const CHARTS: { code: IndicatorCode; dimension: IndicatorDimension }[] = [
  { code: 'gemellaggi-per-stato', dimension: 'stato' },
  { code: 'ore-formazione', dimension: 'mese' },
  { code: 'laboratori-per-ambito', dimension: 'ambito' },
  { code: 'buone-pratiche-per-tema', dimension: 'tema' },
  { code: 'amministrazioni-coinvolte', dimension: 'tipo' },
  { code: 'amministrazioni-coinvolte', dimension: 'convergenza' },
  { code: 'ore-formazione', dimension: 'modalita' },
];

/**
 * `/programmi/:code`: the programme's indicators computed from the platform's data, as a manager
 * reports them — headline figures beside the reported ones, charts with their tables, a map of
 * Italy, a period, the CSV and a printable page. Live: a confirmed register or a twinning's new
 * status refetches them.
 */
export function ProgrammeDashboardPage() {
  const { code = '' } = useParams();
  const { t } = useTranslation();
  const format = useFormatters();
  const queryClient = useQueryClient();
  const [search, setSearch] = useSearchParams();
  const period: IndicatorsPeriod = { from: search.get('dal') ?? '', to: search.get('al') ?? '' };
  const [downloadError, setDownloadError] = useState<string | null>(null);

  const programmes = useQuery({
    queryKey: programmeKeys.list,
    queryFn: ({ signal }) => fetchProgrammes(signal),
  });
  const programme = programmes.data?.find((p) => p.code === code);
  usePageTitle(programme ? t('programmes.dashboard.title', { name: programme.name }) : t('programmes.title'));
  const indicators = useQuery({
    queryKey: programmeKeys.indicators(programme?.id ?? '', period),
    queryFn: ({ signal }) => fetchIndicators(programme!.id, period, signal),
    enabled: Boolean(programme),
  });
  const refetch = () => {
    if (programme)
      void queryClient.invalidateQueries({ queryKey: programmeKeys.allIndicators(programme.id) });
  };
  useRoomEvents(
    programme ? roomName('programme', programme.id) : null,
    (event) => {
      if (event.type === 'indicators.changed') refetch();
    },
    { onResync: refetch },
  );

  const applyPeriod = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const [field, param] of [
      ['from', 'dal'],
      ['to', 'al'],
    ] as const) {
      const value = String(data.get(field) ?? '');
      if (value) next.set(param, value);
    }
    setSearch(next);
  };

  if (programmes.isPending) return <Loading />;
  if (programmes.isError)
    return <ProblemAlert error={toApiError(programmes.error)} onRetry={() => void programmes.refetch()} />;
  if (!programme)
    return (
      <>
        <h1>{t('programmes.notFound')}</h1>
        <Link to="/programmi">{t('programmes.backToList')}</Link>
      </>
    );

  const view = indicators.data;
  const detailed = Boolean(view?.computed.some((indicator) => indicator.breakdown));
  const regionMetrics: RegionMetric[] = view
    ? (
        [
          ['amministrazioni-coinvolte', t('programmes.dashboard.mapAdministrations'), undefined],
          ['ore-formazione', t('programmes.dashboard.mapHours'), t('programmes.dashboard.hours')],
        ] as const
      ).flatMap(([indicatorCode, label, unit]) => {
        const breakdown = breakdownOf(view, indicatorCode, 'regione');
        return breakdown ? [{ key: indicatorCode, label, breakdown, unit }] : [];
      })
    : [];

  return (
    <div className="programme-dashboard">
      <nav aria-label={t('programmes.breadcrumb')} className="d-print-none mb-2">
        <Link to="/programmi">{t('programmes.title')}</Link>
      </nav>
      <h1 className="mb-1">{programme.name}</h1>
      <p className="lead">{t('programmes.dashboard.intro')}</p>

      <form
        className="row g-2 align-items-end mb-4 d-print-none"
        onSubmit={applyPeriod}
        aria-label={t('programmes.dashboard.period')}
      >
        <div className="col-auto">
          <label htmlFor="period-from" className="form-label">
            {t('programmes.dashboard.from')}
          </label>
          <input
            id="period-from"
            name="from"
            type="date"
            className="form-control"
            defaultValue={period.from}
            key={`f${period.from}`}
          />
        </div>
        <div className="col-auto">
          <label htmlFor="period-to" className="form-label">
            {t('programmes.dashboard.to')}
          </label>
          <input
            id="period-to"
            name="to"
            type="date"
            className="form-control"
            defaultValue={period.to}
            key={`t${period.to}`}
          />
        </div>
        <div className="col-auto d-flex gap-2">
          <button type="submit" className="btn btn-primary">
            {t('programmes.dashboard.apply')}
          </button>
          {detailed && (
            <button
              type="button"
              className="btn btn-outline-primary"
              onClick={() => {
                setDownloadError(null);
                downloadIndicatorsCsv(programme.id, programme.code, period).catch((error: unknown) =>
                  setDownloadError(problemMessage(toApiError(error), t)),
                );
              }}
            >
              {t('programmes.dashboard.csv')}
            </button>
          )}
          <button type="button" className="btn btn-outline-secondary" onClick={() => window.print()}>
            {t('programmes.dashboard.print')}
          </button>
        </div>
      </form>
      {downloadError && (
        <p className="text-danger" role="alert">
          {downloadError}
        </p>
      )}
      {(period.from || period.to) && (
        <p className="period-line">
          {t('programmes.dashboard.periodLine', {
            from: period.from ? format.date(period.from) : '…',
            to: period.to ? format.date(period.to) : '…',
          })}
        </p>
      )}

      {indicators.isPending && <Loading />}
      {indicators.isError && (
        <ProblemAlert error={toApiError(indicators.error)} onRetry={() => void indicators.refetch()} />
      )}
      {view && (
        <>
          <section aria-labelledby="headline-title" className="mb-5">
            <h2 id="headline-title" className="h3">
              {t('programmes.dashboard.headline')}
            </h2>
            <ul className="row list-unstyled g-3 headline-figures" aria-live="polite">
              {view.computed.map((indicator) => (
                <li key={indicator.code} className="col-6 col-md-4 col-lg-3" data-indicator={indicator.code}>
                  <div className="headline-figure h-100">
                    <span className="figure-value">{format.number(indicator.value)}</span>
                    <span className="figure-label">
                      {indicator.label}
                      {indicator.unit === 'ore' ? ` (${t('programmes.dashboard.hours')})` : ''}
                    </span>
                  </div>
                </li>
              ))}
            </ul>
            <p className="small text-muted">
              {t('programmes.dashboard.computedAt', { date: format.dateTime(view.computedAt) })}
            </p>
          </section>
          {view.reported.length > 0 && <ReportedTable view={view} />}
          {detailed ? (
            <section aria-labelledby="details-title">
              <h2 id="details-title" className="h3 mb-3">
                {t('programmes.dashboard.details')}
              </h2>
              {regionMetrics.length > 0 && <RegionMap metrics={regionMetrics} />}
              <div className="row">
                {CHARTS.map(({ code: indicatorCode, dimension }) => {
                  const indicator = find(view, indicatorCode);
                  const breakdown = breakdownOf(view, indicatorCode, dimension);
                  if (!indicator || !breakdown) return null;
                  return (
                    <div key={`${indicatorCode}-${dimension}`} className="col-12 col-xl-6">
                      <BreakdownChart
                        id={`${indicatorCode}-${dimension}`}
                        title={`${indicator.label} ${breakdown.label}`}
                        breakdown={breakdown}
                        unit={indicator.unit === 'ore' ? t('programmes.dashboard.hours') : undefined}
                      />
                    </div>
                  );
                })}
              </div>
            </section>
          ) : (
            <p className="alert alert-info">{t('programmes.dashboard.staffOnly')}</p>
          )}
        </>
      )}
    </div>
  );
}
