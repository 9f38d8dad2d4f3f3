export const settings = {
  title: "Ustawienia",
  consentsLegend: "Treść zgód marketingowych",
  consentsHint:
    "Ta treść jest zapisywana przy każdej udzielonej zgodzie. Wpisz brzmienie uzgodnione przez salon (np. z inspektorem ochrony danych); przykładowa treść to tylko punkt wyjścia.",
  saved: "Zapisano ustawienia.",
  unchanged: "Nic się nie zmieniło.",
  textRequired: "Treść zgody nie może być pusta.",
  retention: "Okres przechowywania danych klientów",
  retentionOff: "nie ustawiono (RETENTION_MONTHS)",
  retentionMonths: (months: number) => `${months} mies. (RETENTION_MONTHS)`,
  auditDays: "Przechowywanie dziennika zdarzeń",
  auditDaysValue: (days: number) => `${days} dni (AUDIT_DAYS)`,
  retentionList: "Do anonimizacji",
  consentTexts: "treść zgód",
};
