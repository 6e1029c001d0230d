export interface ProgrammeIndicator {
  code: string;
  label: string;
  target: number | null;
  achieved: number | null;
  unit?: string;
}

export interface ProgrammeView {
  id: string;
  code: string;
  name: string;
  description: string | null;
  operationalProgramme: string | null;
  fund: string | null;
  beneficiary: string | null;
  totalBudget: string | null;
  euCofinancing: string | null;
  startDate: string | null;
  endDate: string | null;
  themes: string[];
  partners: string[];
  indicators: ProgrammeIndicator[];
}
