import { XMLParser, XMLValidator } from "fast-xml-parser";

/**
 * ADF 1.0 (Auto-lead Data Format, `adf/prospect` with `vehicle`, `customer`, `vendor`, `provider`) as a
 * lead's JSON shape, or null when the text is no ADF document. A document type declaration is refused
 * before parsing: ADF needs none, and it is what XXE and "billion laughs" ride on. Entities are never
 * expanded by the parser; the five predefined ones and character references are decoded in the values.
 */
export function leadFromAdf(xml: string): Record<string, unknown> | null {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) return null;
  if (XMLValidator.validate(xml) !== true) return null;
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@",
    processEntities: false,
    htmlEntities: false,
    ignorePiTags: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    isArray: (name) => ["prospect", "name", "phone", "email", "vehicle", "id"].includes(name),
  });
  let document: unknown;
  try {
    document = parser.parse(xml);
  } catch {
    return null;
  }
  const prospect = first(child(child(document, "adf"), "prospect"));
  if (!isNode(prospect)) return null;
  const contact = child(child(prospect, "customer"), "contact");
  const names = list(child(contact, "name"));
  const namePart = (part: string) => textOf(names.find((name) => attr(name, "part") === part));
  const full = textOf(names.find((name) => !attr(name, "part") || attr(name, "part") === "full"));
  const [fullFirst, ...fullRest] = (full ?? "").split(/\s+/).filter(Boolean);
  const vehicle = first(child(prospect, "vehicle"));
  const provider = textOf(first(child(child(prospect, "provider"), "name"))) ?? textOf(child(prospect, "provider"));
  const comments = textOf(child(child(prospect, "customer"), "comments"));
  const id = first(child(prospect, "id"));
  return compact({
    firstName: namePart("first") ?? fullFirst,
    lastName: namePart("last") ?? (fullRest.length ? fullRest.join(" ") : undefined),
    phone: textOf(first(child(contact, "phone"))),
    email: textOf(first(child(contact, "email"))),
    brand: textOf(child(vehicle, "make")),
    model: [textOf(child(vehicle, "model")), textOf(child(vehicle, "year"))].filter(Boolean).join(" ") || undefined,
    message: comments,
    externalId: textOf(id),
    utmSource: provider,
  });
}

type Node = Record<string, unknown>;

const isNode = (value: unknown): value is Node => typeof value === "object" && value !== null && !Array.isArray(value);
const child = (node: unknown, name: string): unknown => (isNode(node) ? node[name] : undefined);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);
const first = (value: unknown): unknown => list(value)[0];
const attr = (node: unknown, name: string): string | undefined => {
  const value = child(node, `@${name}`);
  return typeof value === "string" ? value : undefined;
};

function textOf(node: unknown): string | undefined {
  const value = typeof node === "string" ? node : isNode(node) ? node["#text"] : undefined;
  if (typeof value !== "string" && typeof value !== "number") return undefined;
  const text = decodeReferences(String(value)).trim();
  return text || undefined;
}

const PREDEFINED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decodeReferences(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|amp|lt|gt|quot|apos);/gi, (whole, name: string) => {
    if (name[0] !== "#") return PREDEFINED[name.toLowerCase()] ?? whole;
    const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

function compact(lead: Record<string, string | undefined>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(lead).filter(([, value]) => value !== undefined));
}
