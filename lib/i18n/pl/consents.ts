import type { ConsentChannelLabels, ConsentSourceLabels } from "../types";

export const consents = {
  title: "Zgody",
  /** The checkboxes of "Nowy proces" and of the panel's form, one per channel. */
  channel: {
    phone: "Zgoda na kontakt telefoniczny",
    sms: "Zgoda na SMS",
    email: "Zgoda na e-mail",
  } satisfies ConsentChannelLabels,
  /** Short names of the channels (history, event log). */
  channelShort: { phone: "telefon", sms: "SMS", email: "e-mail" } satisfies ConsentChannelLabels,
  save: "Zapisz zgody",
  saving: "Zapisywanie…",
  saved: "Zapisano zmiany zgód.",
  unchanged: "Zgody się nie zmieniły: nic nie zapisano.",
  source: "Źródło zgody",
  sourceHint: "Skąd pochodzi oświadczenie klienta.",
  legend: "Zgody na kontakt marketingowy",
  newProcessHint: "Zaznacz tylko te zgody, które klient wyraził. Treść zgód ustala administrator w „Ustawieniach”.",
  current: "Stan obecny",
  granted: "udzielona",
  withdrawn: "wycofana",
  never: "brak",
  grantedSince: (when: string) => `udzielona ${when}`,
  withdrawnSince: (when: string) => `wycofana ${when}`,
  history: "Historia zgód",
  noHistory: "Brak zapisów zgód.",
  historyEntry: (channel: string, granted: boolean) => `${channel}: ${granted ? "udzielona" : "wycofana"}`,
  recordedBy: "Zapisał(a)",
  nobody: "automatycznie",
  wording: "Treść zgody",
  unknownWording: "treść nieznana (zgoda zapisana przed wprowadzeniem rejestru zgód)",
  /** Next to the phone and the e-mail in the panel. */
  marketing: {
    allowed: (channel: string) => `${channel}: zgoda na kontakt marketingowy`,
    notAllowed: (channel: string) => `${channel}: bez zgody na kontakt marketingowy`,
  },
  /** The dealership's default wording: each dealership must put its own in "Ustawienia". */
  defaultText: {
    phone:
      "Wyrażam zgodę na kontaktowanie się ze mną przez salon telefonicznie (rozmowy głosowe) w celu przedstawienia ofert handlowych i informacji marketingowych. Zgodę mogę w każdej chwili wycofać.",
    sms: "Wyrażam zgodę na otrzymywanie od salonu wiadomości SMS/MMS z ofertami handlowymi i informacjami marketingowymi. Zgodę mogę w każdej chwili wycofać.",
    email:
      "Wyrażam zgodę na otrzymywanie od salonu na podany adres e-mail ofert handlowych i informacji marketingowych. Zgodę mogę w każdej chwili wycofać.",
  } satisfies ConsentChannelLabels,
};

export const consentSourceLabels: ConsentSourceLabels = {
  showroom: "Salon",
  phone: "Telefon",
  web_form: "Formularz WWW",
  lead_api: "Lead API",
  import: "Import",
};
