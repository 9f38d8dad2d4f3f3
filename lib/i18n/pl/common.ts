import type {
  InitiativeLabels,
  LeadSourceLabels,
  NoteTypeLabels,
  ProcessStatusLabels,
  RoleLabels,
  TaskGoalLabels,
} from "../types";

export const common = {
  appName: "Salon CRM",
  save: "Zapisz",
  saving: "Zapisywanie…",
  cancel: "Anuluj",
  back: "Wróć",
  yes: "Tak",
  no: "Nie",
  none: "—",
  required: "wymagane",
  notFound: "Nie znaleziono",
  notFoundText: "Strona nie istnieje albo nie masz do niej dostępu.",
  backHome: "Wróć do listy procesów",
  genericError: "Coś poszło nie tak. Spróbuj ponownie, a jeśli błąd się powtórzy, powiadom administratora.",
  formHasErrors: "Popraw zaznaczone pola.",
  notAllowed: "Nie masz uprawnień do tej operacji.",
  sessionExpired: "Sesja wygasła. Zaloguj się ponownie.",
  previous: "Poprzednia",
  next: "Następna",
  page: (n: number, of: number) => `Strona ${n} z ${of}`,
  /** Bodies of refusals made before any page or action runs. */
  http: {
    lengthRequired: "Brak długości treści żądania (Content-Length).",
    tooLarge: "Przesłany formularz jest za duży.",
    badRequest: "Nieprawidłowe żądanie.",
  },
  validation: {
    required: "To pole jest wymagane.",
    tooLong: (max: number) => `Maksymalnie ${max} znaków.`,
    tooShort: (min: number) => `Co najmniej ${min} znaków.`,
    invalidEmail: "Podaj poprawny adres e-mail.",
    invalidChoice: "Wybierz jedną z dostępnych opcji.",
    invalid: "Nieprawidłowa wartość.",
  },
};

export const roleLabels: RoleLabels = {
  salesperson: "Sprzedawca",
  manager: "Kierownik",
  admin: "Administrator",
};

export const processStatusLabels: ProcessStatusLabels = {
  new: "Nowy",
  in_progress: "W trakcie",
  offer: "Oferta",
  order: "Zamówienie",
  delivered: "Wydany",
  resigned: "w opiece (rezygnacja)",
};

export const leadSourceLabels: LeadSourceLabels = {
  showroom: "Salon",
  phone: "Telefon",
  website: "Strona WWW",
  listing_portal: "Portal ogłoszeniowy",
  referral: "Polecenie",
  other: "Inne",
};

export const initiativeLabels: InitiativeLabels = {
  customer: "Klient",
  dealer: "Salon",
};

export const noteTypeLabels: NoteTypeLabels = {
  phone: "Telefon",
  email: "E-mail",
  sms: "SMS",
  showroom_meeting: "Spotkanie w salonie",
  test_drive: "Jazda próbna",
  offer: "Oferta",
  customer_visit: "Wizyta u klienta",
  other: "Inne",
};

export const taskGoalLabels: TaskGoalLabels = {
  phone_contact: "Kontakt telefoniczny",
  showroom_meeting: "Spotkanie w salonie",
  test_drive: "Jazda próbna",
  offer_presentation: "Przedstawienie oferty",
  negotiation: "Negocjacje",
  contract_signing: "Podpisanie umowy",
  vehicle_handover: "Wydanie samochodu",
  other: "Inne",
};
