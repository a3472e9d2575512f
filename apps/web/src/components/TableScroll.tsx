import type { ReactNode } from 'react';

/**
 * The frame of a table that may scroll sideways on a phone. It takes the focus, so that the keyboard
 * can scroll it too (WCAG 2.1.1), and is named by the heading or caption that names the table (its id
 * in `labelledBy`), or by `label` where no element on the page says it. A group, not a region: the
 * section around it is the landmark already, and two landmarks of one name confuse.
 */
export function TableScroll({
  labelledBy,
  label,
  children,
}: ({ labelledBy: string; label?: never } | { label: string; labelledBy?: never }) & {
  children: ReactNode;
}) {
  return (
    <div className="table-wrap" tabIndex={0} role="group" aria-labelledby={labelledBy} aria-label={label}>
      {children}
    </div>
  );
}
