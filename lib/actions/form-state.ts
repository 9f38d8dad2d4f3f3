/** What every form's server action returns to the form: shared by the server and the client. */
export type FormValues = Record<string, string | string[]>;

export type FormState = {
  status: "idle" | "ok" | "error";
  /** One sentence for the whole form. */
  message?: string;
  fieldErrors?: Record<string, string[] | undefined>;
  /** What the user submitted, so the form refills after an error (never passwords). */
  values?: FormValues;
  /** Secrets shown once and kept only hashed (backup codes, a new API key): in this answer, nowhere else. */
  shownOnce?: string[];
  /** Changes on every answer, so a form can reset itself after a success. */
  at?: number;
};

export const initialFormState: FormState = { status: "idle" };

/** A server action as a form gets it: its id already bound on the server (`action.bind(null, id)`). */
export type BoundAction = (state: FormState, formData: FormData) => Promise<FormState>;

/** The value a field should show: what was submitted, else its default. */
export function valueOf(state: FormState, name: string, fallback = ""): string {
  const value = state.values?.[name];
  if (value === undefined) return fallback;
  return Array.isArray(value) ? (value[0] ?? fallback) : value;
}

export function valuesOf(state: FormState, name: string): string[] {
  const value = state.values?.[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
