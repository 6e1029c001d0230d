import type { TwinningStatus } from '@convergo/contracts';

/**
 * A demo twinning in the spirit of the POAT SI "Buone Pratiche e Gemellaggi" database: an
 * offering administration outside the Convergence regions hands an e-government practice to
 * receiving administrations in them. The source names the themes and the mechanism, not single
 * twinnings, so this one is illustrative: the administrations are real, the pairing is not.
 */
export const DEMO_TWINNING: {
  title: string;
  practiceTitle: string;
  practiceDescription: string;
  /** ISTAT codes of real municipalities (reference directory). */
  offeringIstatCode: string;
  receivingIstatCodes: string[];
  status: TwinningStatus;
} = {
  title: 'Gemellaggio POAT SI – Interoperabilità e cooperazione applicativa (esempio dimostrativo)',
  practiceTitle: 'Cooperazione applicativa tra gli uffici comunali per i servizi ai cittadini',
  practiceDescription:
    'Tema POAT SI: interoperabilità e cooperazione applicativa. L’amministrazione offerente trasferisce ' +
    'alle amministrazioni riceventi delle regioni dell’obiettivo Convergenza la propria esperienza di ' +
    'scambio dei dati tra uffici, per favorire la circolazione delle competenze sui progetti di ' +
    'e-Government e Società dell’Informazione. Dati dimostrativi: l’abbinamento non è tratto da un ' +
    'gemellaggio reale.',
  offeringIstatCode: '037006',
  receivingIstatCodes: ['082053', '080063'],
  status: 'in_corso',
};
