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
};
