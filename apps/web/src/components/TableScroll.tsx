import type { ReactNode } from 'react';

/**
 * The frame of a table that may scroll sideways on a phone. It takes the focus, so that the keyboard
 * can scroll it too (WCAG 2.1.1), and is named by the heading or caption that names the table. A
 * group, not a region: the section around it is the landmark already, and two landmarks of one name
 * confuse.
 */
export function TableScroll({ labelledBy, children }: { labelledBy: string; children: ReactNode }) {
  return (
    <div className="table-wrap" tabIndex={0} role="group" aria-labelledby={labelledBy}>
      {children}
    </div>
  );
}
