import { useTranslation } from 'react-i18next';

/** A suggestion's score and its reasons, as the API words them (Italian, citing shared attributes). */
export function SuggestionReasons({ score, reasons }: { score: number; reasons: string[] }) {
  const { t } = useTranslation();
  return (
    <>
      <span className="badge bg-primary ms-2">{t('practices.matching.score', { score })}</span>
      <ul className="small mb-0 mt-1">
        {reasons.map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
    </>
  );
}
