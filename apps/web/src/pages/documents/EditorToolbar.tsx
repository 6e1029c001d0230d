import { useId, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Editor } from '@tiptap/react';
import { isSafeLink } from '../../documents/safe-link';

interface ToolButtonProps {
  label: string;
  /** For toggles: whether the format is on at the selection (aria-pressed). */
  pressed?: boolean;
  disabled?: boolean;
  onClick(): void;
  children: ReactNode;
}

function ToolButton({ label, pressed, disabled, onClick, children }: ToolButtonProps) {
  return (
    <button
      type="button"
      className={`btn btn-sm editor-tool${pressed ? ' active' : ''}`}
      title={label}
      aria-pressed={pressed}
      disabled={disabled}
      // Keeps the editor's selection: the command applies where the caret was.
      onMouseDown={(event) => event.preventDefault()}
      onClick={onClick}
    >
      <span aria-hidden="true">{children}</span>
      <span className="visually-hidden">{label}</span>
    </button>
  );
}

/**
 * The formatting toolbar: every button has a name and a tooltip, toggles say their state with
 * aria-pressed, and the arrow keys also move between buttons as in a WAI-ARIA toolbar.
 */
export function EditorToolbar({ editor }: { editor: Editor }) {
  const { t } = useTranslation();
  const [linkOpen, setLinkOpen] = useState(false);
  const [href, setHref] = useState('');
  const [linkError, setLinkError] = useState(false);
  const linkId = useId();
  const chain = () => editor.chain().focus();
  const inTable = editor.isActive('table');

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const buttons = [
      ...event.currentTarget.querySelectorAll<HTMLButtonElement>('button.editor-tool:not(:disabled)'),
    ];
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (index < 0) return;
    event.preventDefault();
    const next = (index + (event.key === 'ArrowRight' ? 1 : -1) + buttons.length) % buttons.length;
    buttons[next].focus();
  };

  const openLink = () => {
    setHref((editor.getAttributes('link').href as string | undefined) ?? '');
    setLinkError(false);
    setLinkOpen((open) => !open);
  };

  const applyLink = (event: FormEvent) => {
    event.preventDefault();
    const url = href.trim();
    if (!isSafeLink(url)) {
      setLinkError(true);
      return;
    }
    chain().extendMarkRange('link').setLink({ href: url }).run();
    setLinkOpen(false);
  };

  return (
    <div className="editor-toolbar-wrapper">
      <div
        role="toolbar"
        aria-label={t('documents.toolbar.label')}
        className="editor-toolbar"
        onKeyDown={onKeyDown}
      >
        <ToolButton
          label={t('documents.toolbar.undo')}
          disabled={!editor.can().undo()}
          onClick={() => chain().undo().run()}
        >
          ↶
        </ToolButton>
        <ToolButton
          label={t('documents.toolbar.redo')}
          disabled={!editor.can().redo()}
          onClick={() => chain().redo().run()}
        >
          ↷
        </ToolButton>
        <span className="editor-toolbar-sep" aria-hidden="true" />
        <ToolButton
          label={t('documents.toolbar.bold')}
          pressed={editor.isActive('bold')}
          onClick={() => chain().toggleBold().run()}
        >
          <b>{t('documents.toolbar.boldInitial')}</b>
        </ToolButton>
        <ToolButton
          label={t('documents.toolbar.italic')}
          pressed={editor.isActive('italic')}
          onClick={() => chain().toggleItalic().run()}
        >
          <i>{t('documents.toolbar.italicInitial')}</i>
        </ToolButton>
        <ToolButton
          label={t('documents.toolbar.underline')}
          pressed={editor.isActive('underline')}
          onClick={() => chain().toggleUnderline().run()}
        >
          <u>{t('documents.toolbar.underlineInitial')}</u>
        </ToolButton>
        <ToolButton
          label={t('documents.toolbar.strike')}
          pressed={editor.isActive('strike')}
          onClick={() => chain().toggleStrike().run()}
        >
          <s>{t('documents.toolbar.strikeInitial')}</s>
        </ToolButton>
        <span className="editor-toolbar-sep" aria-hidden="true" />
        {([1, 2, 3] as const).map((level) => (
          <ToolButton
            key={level}
            label={t('documents.toolbar.heading', { level })}
            pressed={editor.isActive('heading', { level })}
            onClick={() => chain().toggleHeading({ level }).run()}
          >
            H{level}
          </ToolButton>
        ))}
        <span className="editor-toolbar-sep" aria-hidden="true" />
        <ToolButton
          label={t('documents.toolbar.bulletList')}
          pressed={editor.isActive('bulletList')}
          onClick={() => chain().toggleBulletList().run()}
        >
          •≡
        </ToolButton>
        <ToolButton
          label={t('documents.toolbar.orderedList')}
          pressed={editor.isActive('orderedList')}
          onClick={() => chain().toggleOrderedList().run()}
        >
          1≡
        </ToolButton>
        <ToolButton
          label={t('documents.toolbar.blockquote')}
          pressed={editor.isActive('blockquote')}
          onClick={() => chain().toggleBlockquote().run()}
        >
          ❝
        </ToolButton>
        <ToolButton label={t('documents.toolbar.link')} pressed={editor.isActive('link')} onClick={openLink}>
          🔗
        </ToolButton>
        <span className="editor-toolbar-sep" aria-hidden="true" />
        <ToolButton
          label={t('documents.toolbar.insertTable')}
          disabled={inTable}
          onClick={() => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()}
        >
          ▦
        </ToolButton>
        <ToolButton
          label={t('documents.toolbar.addRow')}
          disabled={!inTable}
          onClick={() => chain().addRowAfter().run()}
        >
          +▤
        </ToolButton>
        <ToolButton
          label={t('documents.toolbar.deleteRow')}
          disabled={!inTable}
          onClick={() => chain().deleteRow().run()}
        >
          −▤
        </ToolButton>
        <ToolButton
          label={t('documents.toolbar.addColumn')}
          disabled={!inTable}
          onClick={() => chain().addColumnAfter().run()}
        >
          +▥
        </ToolButton>
        <ToolButton
          label={t('documents.toolbar.deleteColumn')}
          disabled={!inTable}
          onClick={() => chain().deleteColumn().run()}
        >
          −▥
        </ToolButton>
      </div>
      {linkOpen && (
        <form className="editor-link-form d-flex flex-wrap gap-2 align-items-end mt-2" onSubmit={applyLink}>
          <div className="flex-grow-1">
            <label htmlFor={linkId} className="form-label small mb-0">
              {t('documents.toolbar.linkUrl')}
            </label>
            <input
              id={linkId}
              className={`form-control form-control-sm${linkError ? ' is-invalid' : ''}`}
              type="url"
              value={href}
              onChange={(event) => setHref(event.target.value)}
              aria-invalid={linkError || undefined}
              aria-describedby={linkError ? `${linkId}-error` : undefined}
              autoFocus
            />
            {linkError && (
              <div id={`${linkId}-error`} className="invalid-feedback d-block">
                {t('documents.toolbar.invalidLink')}
              </div>
            )}
          </div>
          <button type="submit" className="btn btn-primary btn-sm">
            {t('documents.toolbar.applyLink')}
          </button>
          {editor.isActive('link') && (
            <button
              type="button"
              className="btn btn-outline-primary btn-sm"
              onClick={() => {
                chain().extendMarkRange('link').unsetLink().run();
                setLinkOpen(false);
              }}
            >
              {t('documents.toolbar.removeLink')}
            </button>
          )}
        </form>
      )}
    </div>
  );
}
