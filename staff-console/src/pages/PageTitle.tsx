import type { ComponentChildren } from 'preact';

/** The page's h1; focusable so a page change can move keyboard and screen-reader focus to it. */
export function PageTitle({ children }: { children: ComponentChildren }) {
  return (
    <h1 id="page-title" class="page__title" tabIndex={-1}>
      {children}
    </h1>
  );
}
