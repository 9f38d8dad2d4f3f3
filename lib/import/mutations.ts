import "server-only";
import fs from "node:fs";
import { eq } from "drizzle-orm";
import { transaction } from "@/db/client";
import { imports, users, type Import } from "@/db/schema";
import { UserError } from "@/lib/actions/errors";
import type { Viewer } from "@/lib/auth/session";
import { t } from "@/lib/i18n";
import { showroomsForProcesses, worksIn } from "@/lib/showrooms/queries";
import { addDays, isCalendarDate, localDate } from "@/lib/time";
import { checkMapping, matchHeaders } from "./fields";
import { findVisibleImport } from "./queries";
import { detectFormat, RefusedFile, surveyFile } from "./read";
import { runInBackground, storedImportPath } from "./run";

const i = t.imports;

/**
 * Checks an uploaded file whole (its kind, size, zip directory, every cell) and, when it passes, records the
 * import with its columns matched by their headers. A refused file is deleted and `RefusedFile` thrown.
 */
export async function createImport({
  user,
  storedName,
  fileName,
  now = new Date(),
}: {
  user: Viewer;
  storedName: string;
  fileName: string;
  now?: Date;
}): Promise<Import> {
  const file = storedImportPath(storedName);
  try {
    const format = detectFormat(file);
    const survey = await surveyFile(file, format, 0);
    const [showroom, ...others] = await showroomsForProcesses(user);
    const onlyShowroom = showroom && others.length === 0 ? showroom.id : null;
    return await transaction(async (tx) => {
      const defaultOwner =
        onlyShowroom && (await worksIn({ userId: user.id, showroomId: onlyShowroom, db: tx })) ? user.id : null;
      const [created] = await tx
        .insert(imports)
        .values({
          userId: user.id,
          showroomId: onlyShowroom,
          defaultOwnerId: defaultOwner,
          taskDate: addDays(localDate(now), 1),
          fileName,
          storedName,
          format: format.format,
          encoding: format.format === "csv" ? format.encoding : null,
          delimiter: format.format === "csv" ? format.delimiter : null,
          headers: JSON.stringify(survey.headers),
          mapping: JSON.stringify(matchHeaders(survey.headers)),
          totalRows: survey.total,
          createdAt: now,
        })
        .returning();
      return created;
    });
  } catch (error) {
    await fs.promises.rm(file, { force: true });
    throw error;
  }
}

export type ImportSettings = {
  showroomId: number;
  defaultOwnerId: number;
  taskDate: string;
  mapping: string[];
};

/**
 * Saves the columns' fields, the showroom, the default owner and the first tasks' date of an uploaded
 * import; with `start`, the import then runs in the background.
 */
export async function saveImportSettings({
  user,
  id,
  settings,
  start,
}: {
  user: Viewer;
  id: number;
  settings: ImportSettings;
  start: boolean;
}): Promise<void> {
  await transaction(async (tx) => {
    const record = await findVisibleImport({ user, id, tx });
    if (!record) throw new UserError(t.common.notFound);
    if (record.state !== "uploaded") throw new UserError(i.alreadyStarted);
    const { mapping, error } = checkMapping(settings.mapping);
    if (mapping.length !== (JSON.parse(record.headers) as string[]).length) throw new UserError(t.common.formHasErrors);
    if (error) throw new UserError(error, { mapping: [error] });
    const showrooms = await showroomsForProcesses(user, tx);
    if (!showrooms.some((showroom) => showroom.id === settings.showroomId)) {
      throw new UserError(t.common.formHasErrors, { showroomId: [t.showrooms.notYourShowroom] });
    }
    const [owner] = await tx.select({ active: users.active }).from(users).where(eq(users.id, settings.defaultOwnerId));
    if (
      !owner?.active ||
      !(await worksIn({ userId: settings.defaultOwnerId, showroomId: settings.showroomId, db: tx }))
    ) {
      throw new UserError(t.common.formHasErrors, { defaultOwnerId: [i.ownerNotInShowroom] });
    }
    if (!isCalendarDate(settings.taskDate)) {
      throw new UserError(t.common.formHasErrors, { taskDate: [i.invalidTaskDate] });
    }
    await tx
      .update(imports)
      .set({
        showroomId: settings.showroomId,
        defaultOwnerId: settings.defaultOwnerId,
        taskDate: settings.taskDate,
        mapping: JSON.stringify(mapping),
        ...(start ? { state: "running" as const, startedAt: new Date(), heartbeatAt: null } : {}),
      })
      .where(eq(imports.id, id));
  });
  if (start) void runInBackground(id);
}

export { RefusedFile };
