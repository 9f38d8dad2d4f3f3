import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireRole } from "@/lib/auth/session";
import { t } from "@/lib/i18n";
import { IMPORT_FIELDS, parseRow, type Mapping } from "@/lib/import/fields";
import { IMPORT_LIMITS } from "@/lib/import/limits";
import { countSkips, findVisibleImport, headersOf, listSkips, mappingOf } from "@/lib/import/queries";
import { readRows, type FileRow } from "@/lib/import/read";
import { formatOf, storedImportPath } from "@/lib/import/run";
import { showroomsForProcesses } from "@/lib/showrooms/queries";
import { undoStillOpen } from "@/lib/import/undo";
import { listOwnerOptions } from "@/lib/users/queries";
import { parseId } from "@/lib/validation";
import { saveImportAction, undoImportAction } from "../actions";
import { ImportSettingsForm } from "../_components/import-settings-form";
import { UndoImportForm } from "../_components/undo-import-form";

const i = t.imports;

export const metadata: Metadata = { title: i.title };

/**
 * The first rows of the file for "Podgląd" (the file is read as a stream and left after them); null when
 * the file cannot be read any more.
 */
async function firstRows(file: string, format: Parameters<typeof readRows>[1]): Promise<FileRow[] | null> {
  const rows: FileRow[] = [];
  try {
    for await (const row of readRows(file, format)) {
      rows.push(row);
      if (rows.length > IMPORT_LIMITS.previewRows) break;
    }
  } catch (error) {
    console.error("[import preview]", error);
    return null;
  }
  return rows.slice(1);
}

function Preview({ rows, mapping }: { rows: FileRow[]; mapping: Mapping }) {
  const columns = mapping.map((field, index) => [field, index] as const).filter(([field]) => field);
  return (
    <section className="stack" id="podglad" aria-labelledby="podglad-title">
      <h2 id="podglad-title">{i.previewTitle(rows.length)}</h2>
      <table className="table responsive">
        <thead>
          <tr>
            <th>{i.row}</th>
            {columns.map(([field]) => (
              <th key={field}>{i.fields[field as keyof typeof i.fields]}</th>
            ))}
            <th>{i.errors}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const { errors } = parseRow(row.cells, mapping);
            return (
              <tr key={row.number} className={errors.length ? "has-error" : undefined}>
                <td data-label={i.row}>{row.number}</td>
                {columns.map(([field, index]) => (
                  <td key={field} data-label={i.fields[field as keyof typeof i.fields]}>
                    {row.cells[index] ?? ""}
                  </td>
                ))}
                <td data-label={i.errors} className={errors.length ? "field-error" : "muted"}>
                  {errors.length ? errors.join("; ") : i.noErrors}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

export default async function ImportRecordPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireRole(["manager", "admin"]);
  const id = parseId((await params).id);
  const record = id === undefined ? undefined : await findVisibleImport({ user, id });
  if (!record) notFound();
  const { podglad } = await searchParams;
  const headers = headersOf(record);
  const mapping = mappingOf(record);

  if (record.state === "uploaded") {
    const [showrooms, owners] = await Promise.all([showroomsForProcesses(user), listOwnerOptions(user)]);
    const preview = podglad === "1" ? await firstRows(storedImportPath(record.storedName), formatOf(record)) : null;
    return (
      <section className="stack">
        <h1>{i.title}</h1>
        <p>
          <strong>{record.fileName}</strong> — {i.rows(record.totalRows)}
        </p>
        <ImportSettingsForm
          action={saveImportAction.bind(null, record.id)}
          view={{
            headers,
            mapping,
            fields: IMPORT_FIELDS.map((field) => [field, i.fields[field]]),
            showrooms: showrooms.map((showroom) => [String(showroom.id), showroom.name]),
            owners: owners.filter((owner) => owner.active).map((owner) => [String(owner.id), owner.name]),
            showroomId: record.showroomId ? String(record.showroomId) : "",
            defaultOwnerId: record.defaultOwnerId ? String(record.defaultOwnerId) : "",
            taskDate: record.taskDate ?? "",
          }}
        />
        {preview ? <Preview rows={preview} mapping={mapping} /> : null}
        {preview === null ? (
          <p className="alert error" role="alert">
            {t.imports.refused.failed}
          </p>
        ) : null}
        <p>
          <a href="/procesy/import">{i.back}</a>
        </p>
      </section>
    );
  }

  const finished = record.state === "done" || record.state === "undone";
  const [skips, skipped] = finished ? await Promise.all([listSkips(record.id, 50), countSkips(record.id)]) : [[], 0];
  const undoable = undoStillOpen(record);
  return (
    <section className="stack">
      {/* Advances without JavaScript: the page reloads itself while the import runs (to its own address
          without a fragment: a refresh to "…#podglad" would only scroll). */}
      {record.state === "running" ? <meta httpEquiv="refresh" content={`2;url=/procesy/import/${record.id}`} /> : null}
      <h1>{i.title}</h1>
      <p>
        <strong>{record.fileName}</strong> — {i.stateLabel[record.state]}
      </p>
      <div className="card stack">
        <label htmlFor="import-progress">{i.progressLabel}</label>
        <progress id="import-progress" max={record.totalRows} value={record.doneRows} />
        <p aria-live="polite">{i.progress(record.doneRows, record.totalRows)}</p>
        {record.state === "running" ? <p className="muted">{i.running}</p> : null}
        {record.state === "done" ? (
          <p className="alert success" role="status">
            {i.done(record.createdProcesses, record.createdCustomers, skipped)}
          </p>
        ) : null}
        {record.state === "failed" ? (
          <p className="alert error" role="alert">
            {i.failed(record.error ?? t.common.genericError)}
          </p>
        ) : null}
        {record.state === "undone" ? <p className="alert info">{i.undone}</p> : null}
      </div>
      {skips.length ? (
        <section className="stack">
          <h2>{i.skippedTitle}</h2>
          <p>
            <a href={`/procesy/import/${record.id}/raport`} download>
              {i.report}
            </a>
          </p>
          <ul>
            {skips.map((skip, index) => (
              <li key={index}>{`${i.row} ${skip.rowNumber}: ${skip.reason}`}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {undoable ? <UndoImportForm action={undoImportAction.bind(null, record.id)} /> : null}
      <p>
        <a href="/procesy/import">{i.back}</a>
      </p>
    </section>
  );
}
