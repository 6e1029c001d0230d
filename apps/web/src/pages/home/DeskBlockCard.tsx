import type { DeskBlock } from '@convergo/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { DeskBlockSpec } from './desk-blocks';
import { DeskItemLine } from './DeskItemLine';

/** A block of the desk as a Bootstrap Italia card: its few items, how many in all, or what to do next. */
export function DeskBlockCard({ block, spec }: { block: DeskBlock; spec: DeskBlockSpec }) {
  const { t } = useTranslation();
  const headingId = `desk-${spec.key}`;
  const words = `home.blocks.${spec.key}` as const;
  return (
    <section className="card card-bg h-100" aria-labelledby={headingId} data-desk-block={spec.key}>
      <div className="card-body">
        {/* The region is named by the title alone; the total follows it in the heading. */}
        <h2 className="h5 card-title d-flex align-items-center gap-2">
          <span id={headingId}>{t(`${words}.title`)}</span>
          {spec.key !== 'indicators' && (
            <span className="badge bg-secondary" data-testid="desk-total">
              {block.total}
              <span className="visually-hidden"> {t('home.inAll')}</span>
            </span>
          )}
        </h2>
        {block.items.length === 0 ? (
          <p className="mb-0" data-testid="desk-empty">
            {t(`${words}.empty`)} <Link to={spec.emptyLink}>{t(`${words}.next`)}</Link>
          </p>
        ) : (
          <>
            <ul className="list-unstyled mb-2">
              {block.items.map((item) => (
                <DeskItemLine key={item.id} item={item} spec={spec} />
              ))}
            </ul>
            <Link to={block.link}>
              {block.total > block.items.length
                ? t('home.seeAllCount', { count: block.total })
                : t('home.seeAll')}
              <span className="visually-hidden">: {t(`${words}.title`)}</span>
            </Link>
          </>
        )}
      </div>
    </section>
  );
}
