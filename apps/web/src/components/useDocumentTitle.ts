import { useEffect } from 'react';

/** The tab's title names the screen, so history and assistive tech say where you are. */
export function useDocumentTitle(title: string | undefined): void {
  useEffect(() => {
    if (title) document.title = `${title} · AI Governance`;
  }, [title]);
}
