import type { Page, ProgrammeIndicatorsView, ProgrammeView } from '@convergo/contracts';
import { api } from '../../api/client';
import { downloadAuthenticated } from '../../api/download';

export interface IndicatorsPeriod {
  from: string;
  to: string;
}

/** The programmes' server state. */
export const programmeKeys = {
  list: ['programmes'] as const,
  indicators: (id: string, period: IndicatorsPeriod) => ['programme-indicators', id, period] as const,
  allIndicators: (id: string) => ['programme-indicators', id] as const,
};

export async function fetchProgrammes(signal?: AbortSignal): Promise<ProgrammeView[]> {
  return (await api<Page<ProgrammeView>>('/programmes', { query: { limit: 100 }, signal })).items;
}

const periodQuery = (period: IndicatorsPeriod) => ({
  ...(period.from ? { from: period.from } : {}),
  ...(period.to ? { to: period.to } : {}),
});

export function fetchIndicators(
  id: string,
  period: IndicatorsPeriod,
  signal?: AbortSignal,
): Promise<ProgrammeIndicatorsView> {
  return api<ProgrammeIndicatorsView>(`/programmes/${id}/indicators`, { query: periodQuery(period), signal });
}

export function downloadIndicatorsCsv(id: string, code: string, period: IndicatorsPeriod): Promise<void> {
  const query = new URLSearchParams(periodQuery(period)).toString();
  return downloadAuthenticated(
    `/programmes/${id}/indicators.csv${query ? `?${query}` : ''}`,
    `indicatori-${code}.csv`,
    { serverName: true },
  );
}
