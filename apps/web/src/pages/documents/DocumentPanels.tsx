import { useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Editor } from '@tiptap/react';
import { AttachmentsPanel } from './AttachmentsPanel';
import { CommentsPanel } from './CommentsPanel';
import { ExportPanel } from './ExportPanel';
import { VersionsPanel } from './VersionsPanel';

const TABS = ['comments', 'versions', 'attachments', 'export'] as const;
type Tab = (typeof TABS)[number];

/** The side panels as WAI-ARIA tabs (arrow keys, Home, End). */
export function DocumentPanels({
  docId,
  editor,
  canWrite,
}: {
  docId: string;
  editor: Editor | null;
  canWrite: boolean;
}) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('comments');
  const refs = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({});

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = TABS.indexOf(tab);
    let next: number | null = null;
    if (event.key === 'ArrowRight') next = (index + 1) % TABS.length;
    else if (event.key === 'ArrowLeft') next = (index - 1 + TABS.length) % TABS.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = TABS.length - 1;
    if (next === null) return;
    event.preventDefault();
    setTab(TABS[next]);
    refs.current[TABS[next]]?.focus();
  };

  return (
    <section aria-label={t('documents.panels.label')} className="document-panels">
      <div
        role="tablist"
        aria-label={t('documents.panels.label')}
        className="nav nav-tabs"
        onKeyDown={onKeyDown}
      >
        {TABS.map((name) => (
          <button
            key={name}
            ref={(element) => {
              refs.current[name] = element;
            }}
            type="button"
            role="tab"
            id={`document-tab-${name}`}
            aria-controls={`document-panel-${name}`}
            aria-selected={tab === name}
            tabIndex={tab === name ? 0 : -1}
            className={`nav-link${tab === name ? ' active' : ''}`}
            onClick={() => setTab(name)}
          >
            {t(`documents.panels.${name}`)}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`document-panel-${tab}`}
        aria-labelledby={`document-tab-${tab}`}
        className="pt-3"
        tabIndex={0}
      >
        {tab === 'comments' && <CommentsPanel docId={docId} editor={editor} />}
        {tab === 'versions' && <VersionsPanel docId={docId} canWrite={canWrite} />}
        {tab === 'attachments' && <AttachmentsPanel docId={docId} canWrite={canWrite} />}
        {tab === 'export' && <ExportPanel docId={docId} />}
      </div>
    </section>
  );
}
