import type { ReactNode } from 'react';

/**
 * A wide table in a region that scrolls sideways on a phone instead of widening the page; the
 * region takes focus so keyboard users can scroll it too (axe: scrollable-region-focusable).
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
