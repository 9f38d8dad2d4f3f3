import { stringify } from "csv-stringify/sync";

/**
 * A table as CSV the way a Polish Excel opens it: UTF-8 with a BOM (so "ż" stays "ż"), `;` between cells
 * (the comma is the decimal separator there) and CRLF line ends. Text that Excel would take for a formula
 * (=, +, -, @, tab, CR first: a customer's name or a reason typed by anyone) gets a leading apostrophe;
 * numbers stay numbers, negative ones too.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  return stringify([header as string[], ...rows.map((row) => row.map((cell) => cell ?? ""))], {
    bom: true,
    delimiter: ";",
    record_delimiter: "windows",
    escape_formulas: true,
    cast: { number: csvNumber },
  });
}

/** Numbers in cells as a Polish Excel reads them: a comma before the decimals. */
export function csvNumber(value: number | null): string {
  return value === null ? "" : String(value).replace(".", ",");
}

export function csvResponse(body: string, filename: string): Response {
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
