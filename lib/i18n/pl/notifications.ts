export const notifications = {
  title: "Powiadomienia",
  empty: "Nie masz powiadomień.",
  unread: "Nowe",
  unreadCount: (n: number) => `Nieprzeczytane: ${n}`,
  open: "Otwórz",
  opening: "Otwieranie…",
  markAllRead: "Oznacz wszystkie jako przeczytane",
  markingAllRead: "Oznaczanie…",
  allMarkedRead: "Wszystkie powiadomienia oznaczono jako przeczytane.",
  kinds: {
    note: "Notatka",
    assigned: "Przypisanie",
    task_planned: "Nowe zadanie",
    reminder: "Przypomnienie",
    duplicate_customer: "Duplikat klienta",
    lead: "Nowy lead",
    first_contact_missed: "Brak pierwszego kontaktu",
    handed_over: "Przekazane procesy",
  },
  reminder: (goal: string, customer: string, when: string, remindAbout: string | null) =>
    `Przypomnienie: ${goal} — ${customer}, ${when}.` + (remindAbout ? ` Przypomnij o: ${remindAbout}` : ""),
  allDayWhen: (date: string) => `${date} (cały dzień)`,
  email: {
    subject: (kind: string) => `Salon CRM: ${kind.toLowerCase()}`,
    body: (message: string, link: string | null) =>
      [
        "Dzień dobry,",
        "",
        message,
        "",
        ...(link ? [`Otwórz: ${link}`, ""] : []),
        "— Salon CRM",
        "(wiadomość wysłana automatycznie)",
      ].join("\n"),
  },
};
