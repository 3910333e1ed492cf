import type { ComponentChildren } from 'preact';

interface DataTableProps {
  /** What the table lists, for screen readers (the page shows it as a heading already). */
  caption: string;
  /** The column headings, in order; a `false` or `undefined` heading leaves its column out. */
  columns: readonly ComponentChildren[];
  /** The tighter rows of panels and side lists. */
  compact?: boolean;
  /** The table's own classes, after `table` (and `table--compact`). */
  class?: string;
  testId?: string;
  /** The body rows. */
  children: ComponentChildren;
}

/** A table that scrolls sideways in its frame, with a hidden caption and a row of column headings. */
export function DataTable({
  caption,
  columns,
  compact = false,
  class: own,
  testId,
  children,
}: DataTableProps) {
  const classes = ['table', compact && 'table--compact', own].filter(Boolean).join(' ');
  const shown = columns.filter((column) => column !== false && column !== undefined && column !== null);
  return (
    <div class="table-wrap">
      <table class={classes} data-testid={testId}>
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {shown.map((column, index) => (
              <th key={index} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
