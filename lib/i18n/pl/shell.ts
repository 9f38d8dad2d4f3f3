export const shell = {
  nav: {
    processes: "Procesy",
    myTasks: "Moje zadania",
    calendar: "Kalendarz",
    stats: "Statystyki",
    notifications: "Powiadomienia",
    users: "Użytkownicy",
  },
  account: "Moje konto",
  navLabel: "Nawigacja główna",
  signOut: "Wyloguj",
  signedInAs: "Zalogowano jako",
  skipToContent: "Przejdź do treści",
  menu: "Menu",
};
