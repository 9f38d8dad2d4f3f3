import "server-only";
import { redirect, unstable_rethrow } from "next/navigation";
import { z } from "zod";
import type { Role } from "@/lib/domain";
import { getSession, type SessionUser } from "@/lib/auth/session";
import { t } from "@/lib/i18n";
import { isId } from "@/lib/validation";
import type { FormState, FormValues } from "./form-state";

import { UserError } from "./errors";

export { UserError };

/** An action body's answer: a state for the form, or a page to go to. */
export type ActionResult = (FormState & { redirectTo?: undefined }) | { redirectTo: string } | void;

const NEVER_ECHOED = /password|hasło|haslo/i;

export function formValues(formData: FormData): FormValues {
  const values: FormValues = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("$ACTION") || NEVER_ECHOED.test(key) || typeof value !== "string") continue;
    // Own keys only: a field named "constructor" or "__proto__" must not pick up (or set) Object's.
    const existing = Object.hasOwn(values, key) ? values[key] : undefined;
    const next = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
    Object.defineProperty(values, key, { value: next, enumerable: true, writable: true, configurable: true });
  }
  return values;
}

/** FormData as a plain object for zod; keys listed in `arrays` always become arrays. */
export function formInput(formData: FormData, arrays: readonly string[] = []): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const all = formData.getAll(key).filter((value) => typeof value === "string");
    input[key] = arrays.includes(key) ? all : all[all.length - 1];
  }
  for (const key of arrays) input[key] ??= [];
  return input;
}

type Options<S extends z.ZodType, R> = {
  schema: S;
  /** Roles allowed to call it; anyone else gets an error and nothing happens. Default: every signed-in user. */
  roles?: readonly Role[];
  /** Fields that may repeat (checkbox groups, file tokens). */
  arrays?: readonly string[];
  /** Callable before a required "Weryfikacja dwuetapowa" is turned on (the actions of "Moje konto"). */
  duringTwoFactorSetup?: boolean;
  /** Loads what the bound id names, scoped by what the user may see; null means "not found". */
  load?: (args: { user: SessionUser; id: number }) => Promise<R | null | undefined> | R | null | undefined;
};

type Context<S extends z.ZodType, R> = {
  user: SessionUser;
  /** The id of the caller's session (a row of `sessions`). */
  sessionId: string;
  data: z.output<S>;
  /** What `load` found for the bound id. */
  resource: R;
  formData: FormData;
};

function errorState(
  message: string,
  formData: FormData,
  fieldErrors?: Record<string, string[] | undefined>,
): FormState {
  return { status: "error", message, fieldErrors, values: formValues(formData), at: Date.now() };
}

async function run<S extends z.ZodType, R>(
  options: Options<S, R>,
  body: (ctx: Context<S, R>) => Promise<ActionResult> | ActionResult,
  id: number | undefined,
  formData: FormData,
): Promise<FormState> {
  // Crafted requests can call an action with any arguments; a form always sends FormData.
  if (!(formData instanceof FormData)) return { status: "error", message: t.common.formHasErrors, at: Date.now() };
  let result: ActionResult;
  try {
    const session = await getSession();
    if (!session) return errorState(t.common.sessionExpired, formData);
    if (session.twoFactor.setupRequired && !options.duringTwoFactorSetup)
      return errorState(t.auth.twoFactorSetupRequired, formData);
    const user = session.user;
    if (options.roles && !options.roles.includes(user.role)) return errorState(t.common.notAllowed, formData);

    let resource = undefined as R;
    if (options.load) {
      if (!isId(id)) return errorState(t.common.notFound, formData);
      const found = await options.load({ user, id: id as number });
      if (found == null) return errorState(t.common.notFound, formData);
      resource = found;
    }

    const parsed = options.schema.safeParse(formInput(formData, options.arrays));
    if (!parsed.success) {
      return errorState(
        t.common.formHasErrors,
        formData,
        z.flattenError(parsed.error).fieldErrors as Record<string, string[]>,
      );
    }
    result = await body({ user, sessionId: session.id, data: parsed.data, resource, formData });
  } catch (error) {
    unstable_rethrow(error);
    if (error instanceof UserError) return errorState(error.message, formData, error.fieldErrors);
    console.error("[action]", error);
    return errorState(t.common.genericError, formData);
  }
  if (result && "redirectTo" in result && result.redirectTo) redirect(result.redirectTo);
  return { status: "ok", at: Date.now(), ...(result as FormState | undefined) };
}

/**
 * The one way to write a server action: session, role, then zod, then the body. Use with
 * `useActionState(action, initialFormState)`.
 */
export function authedAction<S extends z.ZodType>(
  options: Omit<Options<S, never>, "load">,
  body: (ctx: Context<S, undefined>) => Promise<ActionResult> | ActionResult,
) {
  return async (_prev: FormState, formData: FormData): Promise<FormState> =>
    run(options as Options<S, undefined>, body, undefined, formData);
}

/**
 * An action about one record, its id bound with `action.bind(null, id)`: `load` finds it among what the
 * user may see before anything else runs.
 */
export function authedActionFor<S extends z.ZodType, R>(
  options: Options<S, R> & { load: NonNullable<Options<S, R>["load"]> },
  body: (ctx: Context<S, R>) => Promise<ActionResult> | ActionResult,
) {
  return async (id: number, _prev: FormState, formData: FormData): Promise<FormState> =>
    run(options, body, typeof id === "number" ? id : Number.NaN, formData);
}

/** For the few actions anyone may call (signing in): zod, then the body. */
export function publicAction<S extends z.ZodType>(
  options: { schema: S },
  body: (ctx: { data: z.output<S>; formData: FormData }) => Promise<ActionResult> | ActionResult,
) {
  return async (_prev: FormState, formData: FormData): Promise<FormState> => {
    if (!(formData instanceof FormData)) return { status: "error", message: t.common.formHasErrors, at: Date.now() };
    let result: ActionResult;
    try {
      const parsed = options.schema.safeParse(formInput(formData));
      if (!parsed.success) {
        return errorState(
          t.common.formHasErrors,
          formData,
          z.flattenError(parsed.error).fieldErrors as Record<string, string[]>,
        );
      }
      result = await body({ data: parsed.data, formData });
    } catch (error) {
      unstable_rethrow(error);
      if (error instanceof UserError) return errorState(error.message, formData, error.fieldErrors);
      console.error("[action]", error);
      return errorState(t.common.genericError, formData);
    }
    if (result && "redirectTo" in result && result.redirectTo) redirect(result.redirectTo);
    return { status: "ok", at: Date.now(), ...(result as FormState | undefined) };
  };
}
