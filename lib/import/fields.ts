import { z } from "zod";
import { normalizePhone } from "@/lib/customers/phone";
import { LEAD_SOURCES, PROCESS_STATUSES, type ConsentChannel, type LeadSource, type ProcessStatus } from "@/lib/domain";
import { t } from "@/lib/i18n";
import { consentWords, importFieldAliases } from "@/lib/i18n/pl/imports";
import { isCalendarDate, startOfLocalDay } from "@/lib/time";

const e = t.imports.rowErrors;

/** The fields a column can fill. */
export const IMPORT_FIELDS = [
  "firstName",
  "lastName",
  "phone",
  "email",
  "brand",
  "model",
  "vehicleNotes",
  "source",
  "status",
  "owner",
  "createdAt",
  "resignationReason",
  "consentPhone",
  "consentSms",
  "consentEmail",
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
/** A column's field, or "" for a column left out. */
export type Mapping = (ImportField | "")[];

const MAX_LENGTH: Partial<Record<ImportField, number>> = {
  firstName: 80,
  lastName: 120,
  brand: 60,
  model: 80,
  vehicleNotes: 1000,
  owner: 200,
  resignationReason: 500,
};

const CONSENT_FIELDS: Record<ConsentChannel, ImportField> = {
  phone: "consentPhone",
  sms: "consentSms",
  email: "consentEmail",
};

/** Lower-case, without Polish diacritics and punctuation: "Źródło:" and "zrodlo" are the same header. */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .replace(/ł/g, "l")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9@.]+/g, " ")
    .trim();
}

const aliasToField = new Map<string, ImportField>();
for (const field of IMPORT_FIELDS) {
  for (const alias of [...importFieldAliases[field], t.imports.fields[field]]) aliasToField.set(foldText(alias), field);
}

/** Each header's field by its Polish or English name; a field goes to its first column only. */
export function matchHeaders(headers: readonly string[]): Mapping {
  const taken = new Set<ImportField>();
  return headers.map((header) => {
    const field = aliasToField.get(foldText(header));
    if (!field || taken.has(field)) return "";
    taken.add(field);
    return field;
  });
}

/** A mapping as the form sent it, checked: known fields (a forged one is an error), each at most once. */
export function checkMapping(mapping: readonly string[]): { mapping: Mapping; error?: string } {
  const known = (field: string): field is ImportField | "" =>
    field === "" || (IMPORT_FIELDS as readonly string[]).includes(field);
  const result: Mapping = mapping.map((field) => (known(field) ? field : ""));
  if (!mapping.every(known)) return { mapping: result, error: t.common.formHasErrors };
  const used = result.filter(Boolean);
  if (new Set(used).size !== used.length) return { mapping: result, error: t.imports.fieldTaken };
  if (!result.includes("lastName") && !result.includes("firstName"))
    return { mapping: result, error: t.imports.needName };
  return { mapping: result };
}

const byFolded = <T extends string>(values: readonly T[], label: (value: T) => string) =>
  new Map(values.flatMap((value) => [[foldText(label(value)), value] as const, [foldText(value), value] as const]));
const statuses = byFolded(PROCESS_STATUSES, (status) => t.labels.processStatus[status]);
// "w opiece (rezygnacja)" is also written just "rezygnacja".
statuses.set("rezygnacja", "resigned");
const sources = byFolded(LEAD_SOURCES, (source) => t.labels.leadSource[source]);

/** A date as DD.MM.RRRR (also D.M.RRRR) or ISO (RRRR-MM-DD, with a time or not): the local day's start. */
export function parseImportDate(text: string): Date | null {
  const polish = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(text);
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
  const date = polish
    ? `${polish[3]}-${polish[2].padStart(2, "0")}-${polish[1].padStart(2, "0")}`
    : iso
      ? `${iso[1]}-${iso[2]}-${iso[3]}`
      : null;
  if (!date || !isCalendarDate(date)) return null;
  return startOfLocalDay(date);
}

export type ImportRow = {
  firstName: string;
  lastName: string;
  phone: string | null;
  email: string | null;
  brand: string;
  model: string;
  vehicleNotes: string | null;
  source: LeadSource;
  status: ProcessStatus;
  owner: string;
  createdAt: Date | null;
  resignationReason: string | null;
  consents: Partial<Record<ConsentChannel, boolean>>;
};

/** One row's values by the mapping, and every error in it (a row with errors is skipped and reported). */
export function parseRow(cells: readonly string[], mapping: Mapping): { row: ImportRow; errors: string[] } {
  const value = (field: ImportField) => {
    const index = mapping.indexOf(field);
    return index < 0 ? "" : (cells[index] ?? "").trim();
  };
  const errors: string[] = [];
  for (const [field, max] of Object.entries(MAX_LENGTH) as [ImportField, number][]) {
    if (value(field).length > max) errors.push(e.tooLong(t.imports.fields[field], max));
  }
  const firstName = value("firstName");
  const lastName = value("lastName");
  if (!firstName && !lastName) errors.push(e.noName);

  const phoneText = value("phone");
  const phone = phoneText ? normalizePhone(phoneText) : null;
  if (phoneText && !phone) errors.push(e.phone(phoneText));

  const emailText = value("email");
  const email = emailText && z.email().safeParse(emailText).success ? emailText.toLowerCase() : null;
  if (emailText && !email) errors.push(e.email(emailText));

  const statusText = value("status");
  const status = statusText ? statuses.get(foldText(statusText)) : "new";
  if (!status) errors.push(e.status(statusText));

  const sourceText = value("source");
  const source = sourceText ? sources.get(foldText(sourceText)) : "other";
  if (!source) errors.push(e.source(sourceText));

  const dateText = value("createdAt");
  const createdAt = dateText ? parseImportDate(dateText) : null;
  if (dateText && !createdAt) errors.push(e.date(dateText));

  const consents: ImportRow["consents"] = {};
  for (const [channel, field] of Object.entries(CONSENT_FIELDS) as [ConsentChannel, ImportField][]) {
    const text = foldText(value(field));
    if (!text) continue;
    if (consentWords.yes.includes(text)) consents[channel] = true;
    else if (consentWords.no.map(foldText).includes(text)) consents[channel] = false;
    else errors.push(e.consent(value(field)));
  }

  return {
    row: {
      firstName,
      lastName,
      phone,
      email,
      brand: value("brand"),
      model: value("model"),
      vehicleNotes: value("vehicleNotes") || null,
      source: source ?? "other",
      status: status ?? "new",
      owner: value("owner"),
      createdAt,
      resignationReason: value("resignationReason") || null,
      consents,
    },
    errors,
  };
}
