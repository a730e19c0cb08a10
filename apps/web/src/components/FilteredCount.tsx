import type { ReactNode } from 'react';
import { EmptyState } from './EmptyState';

/**
 * Rows narrowed by filters in the browser: how many of how many are shown (announced as it
 * changes), then `children`; none left, a word that a filter hides them.
 */
export function FilteredCount({ shown, total, noun, children }: { shown: number; total: number; noun: [one: string, many: string]; children: ReactNode }) {
  if (shown === 0) {
    return (
      <EmptyState title={`No ${noun[0]} matches these filters`}>
        <p>
          Clear a filter to see the {total} {noun[1]}.
        </p>
      </EmptyState>
    );
  }
  return (
    <>
      <p className="panel__meta" aria-live="polite">
        {shown === total ? `${total} ${noun[1]}` : `${shown} of ${total} ${noun[1]}`}
      </p>
      {children}
    </>
  );
}
