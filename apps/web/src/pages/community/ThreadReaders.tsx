import { useTranslation } from 'react-i18next';
import type { ThreadSignals } from '../../realtime/useThreadSignals';

/** Who else has the thread open, and who is typing a reply (from the room's ephemeral signals). */
export function ThreadReaders({ signals }: { signals: Pick<ThreadSignals, 'readers' | 'typing'> }) {
  const { t } = useTranslation();
  const others = signals.typing.map((m) => m.displayName || t('community.unknownMember'));
  return (
    <>
      <h2 id="readers-title" className="h5">
        {t('community.readers')}
      </h2>
      <div aria-live="polite" className="thread-readers">
        {signals.readers.length === 0 ? (
          <p className="small">{t('community.nobodyElse')}</p>
        ) : (
          <ul className="list-unstyled small">
            {signals.readers.map((reader) => (
              <li key={reader.id}>
                {reader.displayName || t('community.unknownMember')}
                {reader.organizationName && ` · ${reader.organizationName}`}
              </li>
            ))}
          </ul>
        )}
      </div>
      <p className="typing-indicator small fst-italic" aria-live="polite">
        {others.length > 0 && t('community.typing', { count: others.length, names: others.join(', ') })}
      </p>
    </>
  );
}
