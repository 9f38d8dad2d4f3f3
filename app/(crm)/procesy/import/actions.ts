"use server";

import { z } from "zod";
import { authedActionFor } from "@/lib/actions/action";
import { t } from "@/lib/i18n";
import { saveImportSettings } from "@/lib/import/mutations";
import { findVisibleImport } from "@/lib/import/queries";
import { undoImport } from "@/lib/import/undo";

const managers = ["manager", "admin"] as const;
const loadImport = ({ user, id }: { user: { id: number; role: "salesperson" | "manager" | "admin" }; id: number }) =>
  findVisibleImport({ user, id });

const id = (field: string) =>
  z
    .string()
    .regex(/^\d{1,12}$/, t.common.validation.invalidChoice)
    .transform(Number)
    .refine((n) => n > 0, { message: t.common.validation.invalidChoice, path: [field] });

const settingsSchema = z.object({
  showroomId: id("showroomId"),
  defaultOwnerId: id("defaultOwnerId"),
  taskDate: z
    .string()
    .trim()
    .max(10)
    .regex(/^\d{4}-\d{2}-\d{2}$/, t.imports.invalidTaskDate),
  mapping: z.array(z.string().max(40)).max(100),
  intent: z.enum(["preview", "run"]).default("preview"),
});

/** "Podgląd" saves the columns and settings and shows the first rows; "Importuj" saves them and starts. */
export const saveImportAction = authedActionFor(
  { roles: managers, schema: settingsSchema, arrays: ["mapping"], load: loadImport },
  async ({ user, data, resource }) => {
    const start = data.intent === "run";
    await saveImportSettings({ user, id: resource.id, settings: data, start });
    return { redirectTo: `/procesy/import/${resource.id}${start ? "" : "?podglad=1"}` };
  },
);

export const undoImportAction = authedActionFor(
  { roles: managers, schema: z.object({}), load: loadImport },
  async ({ user, resource }) => {
    await undoImport({ user, id: resource.id });
    return { redirectTo: `/procesy/import/${resource.id}` };
  },
);
