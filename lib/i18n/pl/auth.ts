export const auth = {
  title: "Logowanie",
  intro: "Zaloguj się do Salon CRM.",
  email: "E-mail",
  password: "Hasło",
  submit: "Zaloguj się",
  submitting: "Logowanie…",
  invalidCredentials: "Nieprawidłowy e-mail lub hasło.",
  locked: (minutes: number) =>
    `Zbyt wiele nieudanych prób logowania. Spróbuj ponownie za ${minutes} ${minutes === 1 ? "minutę" : minutes < 5 ? "minuty" : "minut"}.`,
  signedOut: "Wylogowano.",
  // The second step, with "Weryfikacja dwuetapowa"
  codeIntro: "Wpisz 6-cyfrowy kod z aplikacji uwierzytelniającej w telefonie albo jeden z kodów zapasowych.",
  code: "Kod weryfikacyjny",
  codeSubmit: "Potwierdź",
  codeSubmitting: "Sprawdzanie…",
  invalidCode: "Nieprawidłowy kod weryfikacyjny.",
  secondStepExpired: "Czas na wpisanie kodu minął. Zaloguj się ponownie.",
  cancel: "Anuluj",
  twoFactorSetupRequired:
    "Twoja rola wymaga weryfikacji dwuetapowej. Włącz ją w „Moje konto”, aby korzystać z aplikacji.",
};
