import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';

/**
 * One item of a result list, in the markup the list's keyboard support relies on: the card takes
 * focus (`tabIndex={-1}`) when "Carica altri" lands on it (`data-result-index`), and its name is
 * the linked heading. Without `headingId` the card is not labelled by its heading.
 */
export function ResultCard({
  index,
  headingId,
  title,
  to,
  className,
  level = 2,
  children,
}: {
  index: number;
  headingId?: string;
  title: ReactNode;
  to: string;
  /** Added to `result-card`, e.g. `h-100` in a grid. */
  className?: string;
  /** 3 inside a page section (then the heading sits closer to its text). */
  level?: 2 | 3;
  children?: ReactNode;
}) {
  const Heading = level === 3 ? 'h3' : 'h2';
  const headingClassName = level === 3 ? 'h5 mb-1' : 'h5 mb-2';
  return (
    <article
      className={className ? `result-card ${className}` : 'result-card'}
      tabIndex={-1}
      data-result-index={index}
      aria-labelledby={headingId}
    >
      <Heading className={headingClassName} id={headingId}>
        <Link to={to}>{title}</Link>
      </Heading>
      {children}
    </article>
  );
}
