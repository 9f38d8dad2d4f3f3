import "server-only";
import { t } from "@/lib/i18n";
import { clientAddress } from "@/lib/http/client-address";
import { publicRoute } from "@/lib/routes/public";
import { leadFromAdf } from "./adf";
import { leadFromForm, parseLead, type LeadErrors, type LeadInput } from "./input";
import { logRejection, receiveLead } from "./intake";
import { findSourceByKey } from "./sources";

const e = t.leads.errors;
/** The most a lead's body may be: 64 KB. */
export const MAX_LEAD_BYTES = 64 * 1024;

type BodyKind = "json" | "form" | "xml";
const KINDS: Record<string, BodyKind> = {
  "application/json": "json",
  "application/x-www-form-urlencoded": "form",
  "application/xml": "xml",
  "application/x-adf+xml": "xml",
  "text/xml": "xml",
};

const headers = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" };
const json = (body: unknown, status: number, extra: Record<string, string> = {}) =>
  Response.json(body, { status, headers: { ...headers, ...extra } });
const refusal = (status: number, message: string) => json({ error: message }, status);
const invalid = (errors: LeadErrors) => json({ errors }, 422);

/** `POST /api/leads` (pages/api/leads.ts): read and authenticated, then checked and taken in. */
export const leadApi = publicRoute({ load: ({ request }) => readLeadRequest(request) }, ({ request, resource }) =>
  answerLead(request, resource),
);

/** A lead request read and authenticated: its source and its fields, still unchecked. */
export type LeadRequest = { sourceId: number; fields: unknown; idempotencyKey?: string; errors?: LeadErrors };

/**
 * Reads the body of `POST /api/leads` with a hard cap (no more than 64 KB + one chunk is ever held),
 * tells the format by its type and finds the source by its key (the Bearer header, or a form's `key`):
 * a LeadRequest, or the refusal to answer (413, 415, 401).
 */
export async function readLeadRequest(request: Request): Promise<LeadRequest | Response> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_LEAD_BYTES) return refusal(413, e.tooLarge);
  const kind = KINDS[type];
  if (!kind) return refusal(415, e.unsupportedType);
  const text = await readCapped(request, MAX_LEAD_BYTES);
  if (text === null) return refusal(413, e.tooLarge);

  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get("authorization") ?? "")?.[1];
  const form = kind === "form" ? new URLSearchParams(text) : null;
  const source = await findSourceByKey(bearer ?? form?.get("key"));
  if (!source) return refusal(401, e.badKey);

  const idempotencyKey = request.headers.get("idempotency-key")?.trim() || undefined;
  if (idempotencyKey !== undefined && (idempotencyKey.length > 200 || /[^\x21-\x7e]/.test(idempotencyKey))) {
    return { sourceId: source.id, fields: null, errors: { "Idempotency-Key": [e.tooLong(200)] } };
  }
  if (kind === "form") return { sourceId: source.id, fields: leadFromForm(form!), idempotencyKey };
  if (kind === "xml") {
    const fields = leadFromAdf(text);
    return fields
      ? { sourceId: source.id, fields, idempotencyKey }
      : { sourceId: source.id, fields: null, errors: { body: [e.brokenXml] } };
  }
  try {
    return { sourceId: source.id, fields: JSON.parse(text) as unknown, idempotencyKey };
  } catch {
    return { sourceId: source.id, fields: null, errors: { body: [e.brokenJson] } };
  }
}

/** Checks the lead and takes it in: 201/200 with the answer, 422 with its errors (logged), 429 over the limit. */
export async function answerLead(request: Request, { sourceId, fields, idempotencyKey, errors }: LeadRequest) {
  let lead: LeadInput | undefined;
  if (!errors) {
    const parsed = parseLead(fields);
    if ("errors" in parsed) errors = parsed.errors;
    else lead = parsed.lead;
  }
  if (!lead) {
    await logRejection({ sourceId, error: rejectionSummary(errors!) });
    return invalid(errors!);
  }
  const outcome = await receiveLead({
    sourceId,
    lead,
    identity: { idempotencyKey },
    consentSource: "lead_api",
    address: clientAddress(request.headers),
  });
  switch (outcome.status) {
    case 201:
    case 200:
      return json(outcome.answer, outcome.status);
    case 429:
      return json({ error: e.rateLimited }, 429, { "Retry-After": String(outcome.retryAfterSeconds) });
    case 401:
      return refusal(401, e.badKey);
    case 503:
      return refusal(503, t.common.genericError);
  }
}

/** The log's error: which fields and why, never what was sent. */
export function rejectionSummary(errors: LeadErrors): string {
  return Object.entries(errors)
    .map(([field, messages]) => `${field}: ${messages.join(" ")}`)
    .join("; ");
}

/**
 * The body as text, or null once it passes `max` bytes: the stream is read chunk by chunk and cancelled
 * there, so an endless body costs no more memory than the cap.
 */
export async function readCapped(request: Request, max: number): Promise<string | null> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(chunks));
}
