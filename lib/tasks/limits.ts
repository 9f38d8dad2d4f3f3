// Shared by the schema (server) and the form (client, for maxLength hints).
export const NOTE_MAX = 5000;
export const REMIND_ABOUT_MAX = 500;
