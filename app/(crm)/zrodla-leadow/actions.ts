"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction, authedActionFor } from "@/lib/actions/action";
import { t } from "@/lib/i18n";
import { leadSourceEditSchema, leadSourceSchema } from "@/lib/leads/schema";
import { createLeadSource, findLeadSource, replaceApiKey, updateLeadSource } from "@/lib/leads/sources";
import { checkbox } from "@/lib/validation";

const l = t.leads;
const adminOnly = { roles: ["admin"] as const, arrays: ["assigneeIds"] };
const loadSource = ({ id }: { id: number }) => findLeadSource(id);

export const addLeadSource = authedAction({ ...adminOnly, schema: leadSourceSchema }, async ({ user, data }) => {
  const { source, key } = await createLeadSource({ actor: user, input: data });
  revalidatePath("/zrodla-leadow");
  return { status: "ok", message: l.added(source.name), ...(key ? { shownOnce: [key] } : {}) };
});

export const editLeadSource = authedActionFor(
  { ...adminOnly, schema: leadSourceEditSchema, load: loadSource },
  async ({ user, data, resource }) => {
    await updateLeadSource({ actor: user, id: resource.id, input: data });
    revalidatePath("/zrodla-leadow");
    return { status: "ok", message: l.saved };
  },
);

/** "Nowy klucz" (shown once) or "Unieważnij klucz" (`revoke`). */
export const changeApiKey = authedActionFor(
  { roles: ["admin"], schema: z.object({ revoke: checkbox() }), load: loadSource },
  async ({ user, data, resource }) => {
    const key = await replaceApiKey({ actor: user, id: resource.id, revoke: data.revoke });
    revalidatePath("/zrodla-leadow");
    return key ? { status: "ok", message: l.apiKeyOnce, shownOnce: [key] } : { status: "ok", message: l.keyRevoked };
  },
);
