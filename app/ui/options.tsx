"use client";

/**
 * A select's options from [value, label] pairs. Long option lists (every salesperson of the dealership)
 * then travel in the page's RSC payload as data, not as one element each; the select's value still
 * marks the chosen one in the server's HTML.
 */
export function Options({ options }: { options: readonly (readonly [value: string, label: string])[] }) {
  return options.map(([value, label]) => (
    <option key={value} value={value}>
      {label}
    </option>
  ));
}
