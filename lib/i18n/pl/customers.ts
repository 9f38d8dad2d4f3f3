export const customers = {
  /** "Duplikaty" and "Połącz". */
  merge: {
    same: "Wybierz dwóch różnych klientów.",
    anonymized: "Klienta zanonimizowanego nie można połączyć z innym.",
    notDuplicates: "Ci klienci nie mają wspólnego telefonu ani e-maila.",
    servedElsewhere:
      "Klient ma procesy w salonie, którego nie widzisz: połączyć tych klientów może administrator. Nic nie zmieniono.",
  },
  dataTitle: "Dane klienta (RODO)",
  /** What an anonymised customer's name, notes and notifications become. */
  anonymizedName: "Klient zanonimizowany",
  anonymizedText: "[usunięto podczas anonimizacji]",
  anonymizedNotice: (when: string) => `Dane tego klienta zostały zanonimizowane ${when}.`,
  export: {
    title: "Eksport danych klienta",
    hint: "Wszystko, co salon przechowuje o kliencie (dane, procesy, notatki, zadania, zgody i pliki), jako plik ZIP — na żądanie klienta (art. 15 RODO).",
    fileList: "Lista plików",
    missingFile: "brak pliku na dysku",
  },
  anonymize: {
    title: "Anonimizuj klienta",
    intro: (name: string) =>
      `Imię, nazwisko, telefon i e-mail klienta ${name} oraz treści notatek zostaną zastąpione, pliki usunięte, a zgody wycofane. Procesy i zadania pozostaną w statystykach jako liczby.`,
    irreversible: "Tej operacji nie można cofnąć.",
    reason: "Powód anonimizacji",
    reasonHint: "Np. żądanie klienta z dnia…, upływ okresu przechowywania. Nie wpisuj tu danych osobowych.",
    reasonRequired: "Podaj powód anonimizacji.",
    confirmation: "Potwierdzenie",
    confirmationWord: "ANONIMIZUJ",
    confirmationHint: "Wpisz ANONIMIZUJ wielkimi literami, aby potwierdzić.",
    confirmationWrong: "Wpisz dokładnie ANONIMIZUJ.",
    submit: "Anonimizuj klienta",
    submitting: "Anonimizowanie…",
    done: "Klient został zanonimizowany.",
    already: "Ten klient jest już zanonimizowany.",
    summary: (processes: number, notes: number, files: number) =>
      `Procesy: ${processes}, notatki: ${notes}, pliki do usunięcia: ${files}.`,
  },
  retention: {
    title: "Do anonimizacji",
    intro: (months: number) =>
      `Klienci bez otwartego procesu i bez żadnej aktywności od ${months} mies. (RETENTION_MONTHS). Po potwierdzeniu ich dane zostaną zanonimizowane.`,
    off: "Okres przechowywania nie jest ustawiony (RETENTION_MONTHS): lista jest wyłączona.",
    empty: "Nikt nie czeka na anonimizację.",
    count: (shown: number, total: number) =>
      shown === total ? `Klientów do anonimizacji: ${total}` : `Klientów do anonimizacji: ${total} (pokazano ${shown})`,
    customer: "Klient",
    lastActivity: "Ostatnia aktywność",
    processes: "Procesy",
    choose: (name: string) => `Wybierz: ${name}`,
    anonymizeChosen: "Anonimizuj zaznaczonych",
    anonymizeAll: "Anonimizuj wszystkich z listy",
    noneChosen: "Zaznacz co najmniej jednego klienta.",
    reason: (months: number) => `Upływ okresu przechowywania danych (${months} mies.)`,
    confirmHint: "Wpisz ANONIMIZUJ wielkimi literami, aby potwierdzić anonimizację.",
    done: (count: number, skipped: number) =>
      `Zanonimizowano klientów: ${count}.${skipped ? ` Pominięto (mają nową aktywność albo już zanonimizowani): ${skipped}.` : ""}`,
  },
};
