import { Link } from 'react-router-dom';

export interface BreadcrumbLink {
  to: string;
  label: string;
  className?: string;
}

/**
 * The kit's breadcrumb (Bootstrap Italia draws no separator of its own): the way back up, then
 * the page itself when `current` is given.
 */
export function Breadcrumb({
  label,
  links,
  current,
  className = 'mb-3',
}: {
  /** What the navigation landmark is called for screen readers. */
  label: string;
  links: readonly BreadcrumbLink[];
  current?: string;
  className?: string;
}) {
  return (
    <nav aria-label={label} className={`breadcrumb-container ${className}`}>
      <ol className="breadcrumb p-0">
        {links.map((link, index) => (
          <li className="breadcrumb-item" key={link.to}>
            <Link to={link.to} className={link.className}>
              {link.label}
            </Link>
            {(index < links.length - 1 || current !== undefined) && (
              <span className="separator" aria-hidden="true">
                /
              </span>
            )}
          </li>
        ))}
        {current !== undefined && (
          <li className="breadcrumb-item active" aria-current="page">
            {current}
          </li>
        )}
      </ol>
    </nav>
  );
}
