// Lead sources and lead requests for tests.
import type { NextRequest } from "next/server";
import { insertShowroom, insertUser, type TestUser } from "./fixtures";
import { leadApi } from "@/lib/leads/http";
import { createLeadSource } from "@/lib/leads/sources";
import type { LeadSourceInput } from "@/lib/leads/schema";

/** A showroom with `salespeople` salespeople, and an admin. */
export async function leadShowroom(salespeople = 3) {
  const showroom = await insertShowroom();
  const admin = await insertUser("admin", { showroomIds: [showroom.id] });
  const people: TestUser[] = [];
  for (let i = 0; i < salespeople; i++) people.push(await insertUser("salesperson", { showroomIds: [showroom.id] }));
  return { showroom, admin, people };
}

/** A lead source (API unless said otherwise) with its key. */
export async function insertLeadSource(
  admin: TestUser,
  input: Partial<LeadSourceInput> & { showroomId: number },
): Promise<{ id: number; key: string }> {
  const { source, key } = await createLeadSource({
    actor: admin,
    input: {
      name: `Źródło ${Math.random().toString(36).slice(2)}`,
      kind: "api",
      processSource: "website",
      firstContactMinutes: 30,
      rateLimitPerMinute: 1000,
      assigneeIds: [],
      ...input,
    },
  });
  return { id: source.id, key: key ?? "" };
}

/** `POST /api/leads` called as the route handler. */
export function postLead(
  body: BodyInit | null,
  { key, type = "application/json", headers = {} }: { key?: string; type?: string; headers?: Record<string, string> },
): Promise<Response> {
  const request = new Request("http://localhost/api/leads", {
    method: "POST",
    headers: {
      ...(type ? { "Content-Type": type } : {}),
      ...(key ? { Authorization: `Bearer ${key}` } : {}),
      ...headers,
    },
    body,
    ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
  } as RequestInit);
  return leadApi(request as NextRequest, { params: Promise.resolve({}) });
}

export const postJson = (lead: unknown, key: string, headers: Record<string, string> = {}) =>
  postLead(JSON.stringify(lead), { key, headers });
