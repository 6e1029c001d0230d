import type { ReactNode } from 'react';

/** One titled card of the live room (Bootstrap Italia card), labelled by its heading. */
export function LivePanel({
  id,
  title,
  children,
  actions,
}: {
  id: string;
  title: ReactNode;
  children: ReactNode;
  /** Buttons beside the heading. */
  actions?: ReactNode;
}) {
  return (
    <section id={id} aria-labelledby={`${id}-heading`} className="card card-bg live-panel mb-4">
      <div className="card-body">
        <div className="d-flex flex-wrap justify-content-between align-items-center gap-2 mb-3">
          <h2 id={`${id}-heading`} className="h5 card-title mb-0">
            {title}
          </h2>
          {actions}
        </div>
        {children}
      </div>
    </section>
  );
}
