import type { ReactNode } from 'react';

/** One titled section of the lab page, reachable from its in-page menu by `id`. */
export function LabSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section id={id} aria-labelledby={`${id}-heading`} className="mb-5">
      <h2 id={`${id}-heading`} className="h3 mb-3">
        {title}
      </h2>
      {children}
    </section>
  );
}
