import { useTranslation } from 'react-i18next';
import type { ProviderState } from '../../documents/socket-yjs-provider';
import { useDebouncedValue } from '../../lib/useDebouncedValue';

type Shown = 'connecting' | 'saving' | 'saved' | 'offline' | 'offlineSaved' | 'tooLarge';

function shownFor(state: ProviderState): Shown {
  if (state.tooLarge) return 'tooLarge';
  if (state.phase === 'offline') return state.unsaved ? 'offline' : 'offlineSaved';
  if (state.phase === 'connecting' && !state.synced) return 'connecting';
  return state.unsaved ? 'saving' : 'saved';
}

const TONE: Record<Shown, string> = {
  connecting: 'text-body',
  saving: 'text-body',
  saved: 'text-success',
  offline: 'text-danger',
  offlineSaved: 'text-danger',
  tooLarge: 'text-danger',
};

/**
 * "Salvataggio…" / "Tutte le modifiche salvate", announced politely. The wording settles for a
 * moment before it changes, so typing does not make a screen reader repeat it at every key;
 * the data attributes follow the state at once.
 */
export function SaveStatus({ state }: { state: ProviderState }) {
  const { t } = useTranslation();
  const shown = useDebouncedValue(shownFor(state), 600);
  return (
    <p
      className={`document-save-status small mb-0 fw-semibold ${TONE[shown]}`}
      role="status"
      aria-live="polite"
      data-state={state.unsaved ? 'unsaved' : 'saved'}
      data-phase={state.phase}
    >
      {t(`documents.editor.status.${shown}`)}
    </p>
  );
}
