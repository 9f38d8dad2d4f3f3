import { z } from "zod";
import { normalizePhone } from "@/lib/customers/phone";
import { t } from "@/lib/i18n";

z.config(z.locales.pl());

const v = t.common.validation;

/** Text as it is stored: without NUL characters, which PostgreSQL's text cannot hold (no keyboard types one). */
export const withoutNul = (text: string) => text.replaceAll("\u0000", "");

/** A required text field: trimmed, not empty, at most `max` characters. */
export const requiredText = (max: number) =>
  z.string({ error: v.required }).overwrite(withoutNul).trim().min(1, v.required).max(max, v.tooLong(max));

/** An optional text field: trimmed; empty becomes undefined. */
export const optionalText = (max: number) =>
  z
    .string()
    .overwrite(withoutNul)
    .trim()
    .max(max, v.tooLong(max))
    .optional()
    .transform((value) => (value ? value : undefined));

/** One of an enumeration's values, with a Polish message for anything else. */
export const choice = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: v.invalidChoice });

/** An HTML checkbox: present means ticked. */
export const checkbox = () =>
  z
    .string()
    .max(10)
    .optional()
    .transform((value) => value === "on" || value === "true" || value === "1");

/** An optional phone number as typed, in E.164 (+48…); empty becomes undefined. */
export const optionalPhone = () =>
  z
    .string()
    .trim()
    .max(40, v.tooLong(40))
    .optional()
    .transform((value, ctx) => {
      if (!value) return undefined;
      const phone = normalizePhone(value);
      if (!phone) {
        ctx.addIssue({ code: "custom", message: t.processes.invalidPhone });
        return z.NEVER;
      }
      return phone;
    });

export const emailAddress = () =>
  z
    .string({ error: v.required })
    .trim()
    .min(1, v.required)
    .max(254, v.tooLong(254))
    .pipe(z.email({ error: v.invalidEmail }))
    .transform((email) => email.toLowerCase());

/** The schema of a form that sends nothing but its button (the bound id names what it is about). */
export const noInputSchema = z.object({});

/** The largest id: ids are PostgreSQL integers, so a larger number names nothing (and must not reach a query). */
export const MAX_ID = 2_147_483_647;

/** Whether `value` can be an id: a whole number from 1 to MAX_ID. */
export function isId(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 1 && (value as number) <= MAX_ID;
}

/** An id from a path or query (a positive integer), or undefined: a malformed id is "not found". */
export function parseId(value: string | string[] | undefined | null): number | undefined {
  if (typeof value !== "string" || !/^\d{1,10}$/.test(value)) return undefined;
  const id = Number(value);
  return isId(id) ? id : undefined;
}

/** An optional choice of a record (a select left at its placeholder is undefined); anything else than an id is refused. */
export const optionalId = () =>
  z
    .string()
    .trim()
    .max(12)
    .optional()
    .transform((value, ctx) => {
      if (!value) return undefined;
      const id = Number(value);
      if (!isId(id)) {
        ctx.addIssue({ code: "custom", message: v.invalidChoice });
        return z.NEVER;
      }
      return id;
    });
