import type { ReactNode } from "react";

/**
 * A table that may be wider than the screen scrolls sideways inside this region. It is a tab stop with a
 * name, so a keyboard can scroll it and a screen reader says what it holds (WCAG 2.1.1: a scrollable
 * region must be reachable without a mouse).
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
