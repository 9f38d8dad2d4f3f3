"use client";

import { t } from "@/lib/i18n";

/** Opens the browser's print dialog (without JavaScript the browser's own "Drukuj" does the same). */
export function PrintButton() {
  return (
    <button type="button" className="button primary" onClick={() => window.print()}>
      {t.fleet.agreementPrint}
    </button>
  );
}
