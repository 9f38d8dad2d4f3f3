import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { isManager, requireUser } from "@/lib/auth/session";
import { formatPhone } from "@/lib/customers/phone";
import { processIsClosed } from "@/lib/domain";
import { t } from "@/lib/i18n";
import { describeTaskTime } from "@/lib/processes/format";
import { customerName, vehicleName } from "@/lib/customers/name";
import { getProcessPanel, type HistoryEntry, type PanelTask } from "@/lib/processes/panel";
import { listOwnerOptions } from "@/lib/processes/queries";
import { formatDate, formatDateTime } from "@/lib/time";
import { changeOwnerAction, changeStatusAction } from "../actions";
import { OwnerForm } from "../_components/owner-form";
import { StatusForm } from "../_components/status-form";
import "../processes.css";

const p = t.processes;

export const metadata: Metadata = { title: p.title };

function TaskItem({ task, processId }: { task: PanelTask; processId: number }) {
  const done = task.state === "done";
  return (
    <li className={done ? "done" : undefined} data-task-id={task.id}>
      <div className="spread">
        <strong>{t.labels.taskGoal[task.goal]}</strong>
        <span className="row">
          {task.overdue ? <span className="flag danger">{p.overdue}</span> : null}
          <span className={done ? "pill" : "flag"}>{p.taskState[task.state]}</span>
        </span>
      </div>
      <div>{describeTaskTime(task)}</div>
      {task.remindAbout ? (
        <div>
          <span className="muted">{`${p.remindAbout}: `}</span>
          {task.remindAbout}
        </div>
      ) : null}
      {task.files.length ? (
        <ul className="file-links" aria-label={p.files}>
          {task.files.map((file) => (
            <li key={file.id}>
              <a href={`/api/files/${file.id}`} download={file.originalName}>
                {file.originalName}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      {done && task.doneAt ? <div className="small">{p.doneBy(task.doneByName ?? p.unknownUser, formatDateTime(task.doneAt))}</div> : null}
      {!done ? (
        <div>
          <a className="button small" href={`/procesy/${processId}/zadania/${task.id}/wykonaj`}>
            {p.execute}
          </a>
        </div>
      ) : null}
    </li>
  );
}

function HistoryItem({ entry }: { entry: HistoryEntry }) {
  const who = entry.authorName ?? p.system;
  if (entry.type === "note") {
    const { note } = entry;
    const meta = [
      `${p.initiative}: ${t.labels.initiative[note.initiative]}`,
      `${p.noteType}: ${t.labels.noteType[note.type]}`,
      entry.taskGoal ? p.reportsOn(t.labels.taskGoal[entry.taskGoal]) : "",
    ];
    return (
      <li data-entry="note">
        <EntryHead who={who} at={note.createdAt} />
        <p className="entry-meta">{meta.filter(Boolean).join(" · ")}</p>
        <p className="note-content">{note.content}</p>
      </li>
    );
  }
  const { event } = entry;
  const label = (value: string | null) => (value && value in t.labels.processStatus ? t.labels.processStatus[value as keyof typeof t.labels.processStatus] : t.common.none);
  const text =
    event.kind === "created"
      ? p.eventCreated
      : event.kind === "status"
        ? p.eventStatus(label(event.fromValue), label(event.toValue))
        : p.eventOwner(entry.fromName ?? p.unknownUser, entry.toName ?? p.unknownUser);
  return (
    <li data-entry="event">
      <EntryHead who={who} at={event.createdAt} />
      <p className="entry-meta">{`${p.systemEntry}: ${text}`}</p>
      {event.reason ? <p className="note-content">{p.eventReason(event.reason)}</p> : null}
    </li>
  );
}

/** Who and when, on one line; history entries are many, so they keep to few elements. */
function EntryHead({ who, at }: { who: string; at: Date }) {
  return (
    <p className="entry-head">
      <strong>{who}</strong>
      <time dateTime={at.toISOString()}>{formatDateTime(at)}</time>
    </p>
  );
}

/** The newest entries shown at first; a long history opens whole on request. */
const HISTORY_SHOWN = 20;

export default async function ProcessPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ historia?: string | string[] }>;
}) {
  const user = await requireUser();
  const id = Number((await params).id);
  const wholeHistory = (await searchParams).historia === "cala";
  const panel = Number.isSafeInteger(id) && id > 0 ? getProcessPanel({ user, id, historyLimit: wholeHistory ? Infinity : HISTORY_SHOWN }) : null;
  if (!panel) notFound();
  const { process, customer, owner } = panel;
  const name = customerName(customer) || t.common.none;
  const planningHref = `/procesy/${process.id}/planowanie`;
  const missingContact = !processIsClosed(process.status) && !panel.hasPlannedTask;
  const owners = isManager(user) ? listOwnerOptions().filter((candidate) => candidate.active || candidate.id === process.ownerId) : null;

  return (
    <article className="stack">
      <p>
        <a href="/procesy">← {p.title}</a>
      </p>
      <section className="card process-header stack" aria-labelledby="process-title">
        <div className="spread">
          <h1 id="process-title">{name}</h1>
          <span className="pill">{t.labels.processStatus[process.status]}</span>
        </div>
        {missingContact ? (
          <p className="alert warning">
            <strong>{p.noPlannedContact}</strong> · <a href={planningHref}>{p.planTasks}</a>
          </p>
        ) : null}
        <dl>
          <dt>{p.phone}</dt>
          <dd>{customer.phone ? <a href={`tel:${customer.phone}`}>{formatPhone(customer.phone)}</a> : t.common.none}</dd>
          <dt>{p.email}</dt>
          <dd>{customer.email ? <a href={`mailto:${customer.email}`}>{customer.email}</a> : t.common.none}</dd>
          <dt>{p.vehicle}</dt>
          <dd>
            {vehicleName(process) || t.common.none}
            {process.vehicleNotes ? <span className="muted"> · {process.vehicleNotes}</span> : null}
          </dd>
          <dt>{p.source}</dt>
          <dd>{t.labels.leadSource[process.source]}</dd>
          <dt>{p.status}</dt>
          <dd data-testid="process-status">{t.labels.processStatus[process.status]}</dd>
          {process.status === "resigned" && process.resignationReason ? (
            <>
              <dt>{p.resignationReason}</dt>
              <dd>{process.resignationReason}</dd>
            </>
          ) : null}
          <dt>{p.owner}</dt>
          <dd data-testid="process-owner">
            {owner?.name ?? p.unknownUser}
            {owner && !owner.active ? ` ${p.inactiveMark}` : null}
          </dd>
          <dt>{p.created}</dt>
          <dd>{formatDate(process.createdAt)}</dd>
        </dl>
        <StatusForm action={changeStatusAction.bind(null, process.id)} status={process.status} />
        {owners ? <OwnerForm action={changeOwnerAction.bind(null, process.id)} ownerId={process.ownerId} owners={owners.map((o) => ({ id: o.id, name: o.active ? o.name : `${o.name} ${p.inactiveMark}` }))} /> : null}
      </section>

      <section className="card" aria-labelledby="process-tasks">
        <h2 id="process-tasks">{p.tasksTitle}</h2>
        {panel.tasks.length ? (
          <ul className="task-list">
            {panel.tasks.map((task) => (
              <TaskItem key={task.id} task={task} processId={process.id} />
            ))}
          </ul>
        ) : (
          <p className="muted">{p.noTasks}</p>
        )}
      </section>

      <p>
        <a className="button primary" href={planningHref}>
          {p.planTasks}
        </a>
      </p>

      <section className="card" aria-labelledby="process-history">
        <h2 id="process-history">{p.historyTitle}</h2>
        {panel.history.length ? (
          <ul className="history-list">
            {panel.history.map((entry) => (
              <HistoryItem key={entry.key} entry={entry} />
            ))}
          </ul>
        ) : (
          <p className="muted">{p.noHistory}</p>
        )}
        {panel.history.length < panel.historyTotal ? (
          <p>
            <a href={`/procesy/${panel.process.id}?historia=cala#process-history`}>{p.showWholeHistory(panel.historyTotal)}</a>
          </p>
        ) : null}
      </section>
    </article>
  );
}
