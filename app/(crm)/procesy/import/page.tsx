import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/session";
import { t } from "@/lib/i18n";
import { listImports } from "@/lib/import/queries";
import { refusalMessage } from "@/lib/import/read";
import { formatDateTime } from "@/lib/time";

const i = t.imports;

export const metadata: Metadata = { title: i.title };

/** "Importuj z pliku": the upload (a plain multipart form to the upload route) and the recent imports. */
export default async function ImportPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireRole(["manager", "admin"]);
  const { blad, n } = await searchParams;
  const refusal =
    typeof blad === "string"
      ? refusalMessage(
          blad,
          typeof n === "string"
            ? n
                .split(",")
                .slice(0, 3)
                .map((value) => Number(value))
            : [],
        )
      : null;
  const recent = await listImports(user);
  return (
    <section className="stack">
      <h1>{i.title}</h1>
      <p>{i.intro}</p>
      <form method="post" action="/procesy/import/plik" encType="multipart/form-data" className="card stack">
        {refusal ? (
          <p className="alert error" role="alert" id="import-file-error">
            {refusal}
          </p>
        ) : null}
        <div className={refusal ? "field has-error" : "field"}>
          <label htmlFor="import-file">
            {i.file}
            <span className="required" aria-hidden="true">
              *
            </span>
          </label>
          <input
            id="import-file"
            type="file"
            name="plik"
            required
            accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby={refusal ? "import-file-error" : undefined}
            aria-invalid={Boolean(refusal)}
          />
        </div>
        <div>
          <button type="submit" className="button primary">
            {i.upload}
          </button>
        </div>
      </form>

      <h2>{i.recent}</h2>
      {recent.length ? (
        <table className="table responsive">
          <thead>
            <tr>
              <th>{i.when}</th>
              <th>{i.fileName}</th>
              <th>{i.who}</th>
              <th>{i.state}</th>
            </tr>
          </thead>
          <tbody>
            {recent.map((record) => (
              <tr key={record.id}>
                <td data-label={i.when}>{formatDateTime(record.createdAt)}</td>
                <td data-label={i.fileName}>
                  <a href={`/procesy/import/${record.id}`}>{record.fileName}</a>
                </td>
                <td data-label={i.who}>{record.userName}</td>
                <td data-label={i.state}>
                  {i.stateLabel[record.state]}
                  {record.state === "running" ? ` — ${i.progress(record.doneRows, record.totalRows)}` : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">{i.noImports}</p>
      )}
    </section>
  );
}
