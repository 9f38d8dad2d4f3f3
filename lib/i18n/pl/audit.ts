import type { AuditEventKindLabels } from "../types";

export const audit = {
  title: "Dziennik zdarzeń",
  intro: (days: number) =>
    `Logowania, zmiany użytkowników, eksporty, anonimizacje, zmiany zgód i pobrania plików. Wpisy są przechowywane ${days} dni (AUDIT_DAYS) i nie można ich zmienić.`,
  user: "Użytkownik",
  kind: "Rodzaj",
  from: "Od",
  to: "Do",
  anyUser: "Wszyscy",
  anyKind: "Wszystkie",
  filter: "Filtruj",
  clear: "Wyczyść",
  when: "Kiedy",
  who: "Kto",
  what: "Co",
  address: "Adres",
  empty: "Brak zdarzeń spełniających kryteria.",
  found: (n: number) => `Zdarzeń: ${n}`,
  nobody: "—",
  invalidDate: "Podaj datę w formacie RRRR-MM-DD.",
  describe: {
    signIn: "Zalogowano",
    signInFailed: (email: string, reason: string) => `Nieudane logowanie na ${email} (${reason})`,
    failureReason: { invalid: "złe dane", locked: "konto zablokowane", inactive: "konto nieaktywne" } as Record<
      string,
      string
    >,
    userCreated: (name: string, role: string) => `Dodano użytkownika ${name} (${role})`,
    roleChanged: (name: string, from: string, to: string) => `Rola ${name}: ${from} → ${to}`,
    deactivated: (name: string) => `Dezaktywowano ${name}`,
    reactivated: (name: string) => `Aktywowano ponownie ${name}`,
    passwordReset: (name: string) => `Ustawiono nowe hasło dla ${name}`,
    statsExport: (table: string, period: string) => `Eksport CSV statystyk: ${table}, ${period}`,
    customerExport: (customer: string, files: number) => `Eksport danych klienta ${customer} (plików: ${files})`,
    anonymized: (customer: string, reason: string) => `Anonimizacja klienta ${customer}. Powód: ${reason}`,
    consents: (customer: string, changes: string, source: string) =>
      `Zgody klienta ${customer}: ${changes} (źródło: ${source})`,
    download: (name: string, customer: string) => `Pobrano plik ${name} (klient ${customer})`,
    settings: (what: string) => `Zmieniono ustawienia: ${what}`,
    importRun: (file: string, processes: number, customers: number, skipped: number) =>
      `Import pliku ${file}: procesów ${processes}, nowych klientów ${customers}, pominiętych wierszy ${skipped}`,
    importUndone: (file: string, processes: number) =>
      `Cofnięto import pliku ${file} (usunięto procesów: ${processes})`,
    processesExport: (filters: string) => `Eksport CSV listy procesów${filters ? ` (filtry: ${filters})` : ""}`,
    customerRef: (id: number) => `#${id}`,
    unknownUser: (id: number) => `użytkownik #${id}`,
  },
};

export const auditEventKindLabels: AuditEventKindLabels = {
  sign_in: "Logowanie",
  sign_in_failed: "Nieudane logowanie",
  user_created: "Dodanie użytkownika",
  user_role_changed: "Zmiana roli",
  user_deactivated: "Dezaktywacja użytkownika",
  user_reactivated: "Aktywacja użytkownika",
  user_password_reset: "Nowe hasło użytkownika",
  stats_export: "Eksport CSV",
  customer_export: "Eksport danych klienta",
  customer_anonymized: "Anonimizacja klienta",
  consents_changed: "Zmiana zgód",
  file_download: "Pobranie pliku",
  settings_changed: "Zmiana ustawień",
  import_run: "Import z pliku",
  import_undone: "Cofnięcie importu",
  processes_export: "Eksport procesów",
};
