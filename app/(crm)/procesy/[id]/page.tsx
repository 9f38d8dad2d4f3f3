import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { isManager, requireUser, type Viewer } from "@/lib/auth/session";
import { formatPhone } from "@/lib/customers/phone";
import { processIsClosed } from "@/lib/domain";
import { t } from "@/lib/i18n";
import { showroomsForProcesses } from "@/lib/showrooms/queries";
import { listOwnerOptions, listShowroomPeople } from "@/lib/users/queries";
import { ownerLabel } from "@/lib/processes/format";
import { describeTaskFromHistory, formatTaskWhen } from "@/lib/tasks/format";
import { mayChangeTask } from "@/lib/tasks/rules";
import { customerName, vehicleName } from "@/lib/customers/name";
import { getProcessPanel, type HistoryEntry, type PanelTask } from "@/lib/processes/panel";
import { formatDate, formatDateTime } from "@/lib/time";
import { changeOwnerAction, changeShowroomAction, changeStatusAction, saveConsentsAction } from "../actions";
import { ConsentsSection, MarketingMarks } from "./_components/consents-section";
import { OwnerForm } from "../_components/owner-form";
import { ShowroomForm } from "../_components/showroom-form";
import { StatusForm } from "../_components/status-form";
import "../processes.css";
import {
  HistoryItems,
  TaskItems,
  type HistoryItemData,
  type TaskItemData,
  type TaskItemLabels,
} from "./_components/panel-lists";
import { parseId } from "@/lib/validation";

const p = t.processes;

export const metadata: Metadata = { title: p.title };

const taskLabels: TaskItemLabels = {
  overdue: p.overdue,
  remindAbout: p.remindAbout,
  files: p.files,
  execute: p.execute,
  move: p.moveTask,
};

function taskItem(task: PanelTask, processId: number, user: Viewer): TaskItemData {
  const done = task.state === "done";
  const mayMove = !done && mayChangeTask(user, task);
  return {
    id: task.id,
    goal: t.labels.taskGoal[task.goal],
    done,
    overdue: task.overdue,
    state: p.taskState[task.state],
    when: formatTaskWhen(task),
    remindAbout: task.remindAbout,
    files: task.files.map((file) => ({ id: file.id, name: file.originalName })),
    doneBy: done && task.doneAt ? p.doneBy(task.doneByName ?? p.unknownUser, formatDateTime(task.doneAt)) : null,
    executeHref: done ? null : `/procesy/${processId}/zadania/${task.id}/wykonaj`,
    moveHref: mayMove ? `/procesy/${processId}/zadania/${task.id}/termin` : null,
  };
}

function historyItem(entry: HistoryEntry): HistoryItemData {
  const who = entry.authorName ?? p.system;
  const at = { at: entry.at.toISOString(), atText: formatDateTime(entry.at) };
  if (entry.type === "note") {
    const { note } = entry;
    const meta = [
      `${p.initiative}: ${t.labels.initiative[note.initiative]}`,
      `${p.noteType}: ${t.labels.noteType[note.type]}`,
      entry.taskGoal ? p.reportsOn(t.labels.taskGoal[entry.taskGoal]) : "",
      note.notifyOwner ? p.ownerNotified : "",
    ];
    return { key: entry.key, type: "note", who, ...at, meta: meta.filter(Boolean).join(" · "), content: note.content };
  }
  const { event } = entry;
  const label = (value: string | null) =>
    value && value in t.labels.processStatus
      ? t.labels.processStatus[value as keyof typeof t.labels.processStatus]
      : t.common.none;
  const text =
    event.kind === "created"
      ? p.eventCreated
      : event.kind === "status"
        ? p.eventStatus(label(event.fromValue), label(event.toValue))
        : event.kind === "task_moved"
          ? p.eventTaskMoved(describeTaskFromHistory(event.fromValue), describeTaskFromHistory(event.toValue))
          : event.kind === "task_dropped"
            ? p.eventTaskDropped(describeTaskFromHistory(event.fromValue))
            : event.kind === "merged"
              ? p.eventMerged(event.fromValue ?? t.common.none)
              : event.kind === "showroom"
                ? t.showrooms.eventShowroom(
                    entry.fromName ?? t.showrooms.unknownShowroom,
                    entry.toName ?? t.showrooms.unknownShowroom,
                  )
                : p.eventOwner(entry.fromName ?? p.unknownUser, entry.toName ?? p.unknownUser);
  return {
    key: entry.key,
    type: "event",
    who,
    ...at,
    meta: `${p.systemEntry}: ${text}`,
    content: event.reason ? p.eventReason(event.reason) : null,
  };
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
  const id = parseId((await params).id);
  const wholeHistory = (await searchParams).historia === "cala";
  const panel = id ? await getProcessPanel({ user, id, historyLimit: wholeHistory ? Infinity : HISTORY_SHOWN }) : null;
  if (!panel) notFound();
  const { process, customer, owner } = panel;
  const name = customerName(customer) || t.common.none;
  const planningHref = `/procesy/${process.id}/planowanie`;
  const missingContact = !processIsClosed(process.status) && !panel.hasPlannedTask;
  const manager = isManager(user);
  const { severalShowrooms: several, consents } = panel;
  const [owners, showroomChoices, people] = await Promise.all([
    // The owner is one of the showroom's people; a manager hands the process to another of them.
    manager ? listShowroomPeople(process.showroomId) : null,
    manager ? showroomsForProcesses(user) : [],
    manager ? listOwnerOptions(user) : [],
  ]);
  const ownerChoices = owners && [
    ...(owners.some((candidate) => candidate.id === process.ownerId) || !owner
      ? []
      : [{ id: owner.id, name: ownerLabel(owner) }]),
    ...owners,
  ];

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
        {customer.anonymizedAt ? (
          <p className="alert info">{t.customers.anonymizedNotice(formatDateTime(customer.anonymizedAt))}</p>
        ) : null}
        {missingContact ? (
          <p className="alert warning">
            <strong>{p.noPlannedContact}</strong> · <a href={planningHref}>{p.planTasks}</a>
          </p>
        ) : null}
        <dl>
          <dt>{p.phone}</dt>
          <dd>
            {customer.phone ? <a href={`tel:${customer.phone}`}>{formatPhone(customer.phone)}</a> : t.common.none}
            {customer.phone ? <MarketingMarks state={consents.state} channels={["phone", "sms"]} /> : null}
          </dd>
          <dt>{p.email}</dt>
          <dd>
            {customer.email ? <a href={`mailto:${customer.email}`}>{customer.email}</a> : t.common.none}
            {customer.email ? <MarketingMarks state={consents.state} channels={["email"]} /> : null}
          </dd>
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
          {several ? (
            <>
              <dt>{t.showrooms.showroom}</dt>
              <dd data-testid="process-showroom">{panel.showroomName ?? t.showrooms.unknownShowroom}</dd>
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
        {ownerChoices ? (
          <OwnerForm
            action={changeOwnerAction.bind(null, process.id)}
            ownerId={process.ownerId}
            owners={ownerChoices.map((o) => ({ id: o.id, name: o.name }))}
          />
        ) : null}
        {/* A manager of another showroom too may move the process there. */}
        {manager && several && showroomChoices.some((choice) => choice.id !== process.showroomId) ? (
          <ShowroomForm
            action={changeShowroomAction.bind(null, process.id)}
            showroomId={process.showroomId}
            ownerId={process.ownerId}
            showrooms={[
              ...(showroomChoices.some((choice) => choice.id === process.showroomId)
                ? []
                : [{ id: process.showroomId, name: panel.showroomName ?? t.showrooms.unknownShowroom }]),
              ...showroomChoices,
            ]}
            owners={[
              ...(people.some((person) => person.id === process.ownerId && person.active) || !owner
                ? []
                : [{ id: owner.id, name: ownerLabel(owner) }]),
              ...people.filter((person) => person.active).map((person) => ({ id: person.id, name: person.name })),
            ]}
          />
        ) : null}
      </section>

      <section className="card" aria-labelledby="process-tasks">
        <h2 id="process-tasks">{p.tasksTitle}</h2>
        {panel.tasks.length ? (
          <ul className="task-list">
            <TaskItems tasks={panel.tasks.map((task) => taskItem(task, process.id, user))} labels={taskLabels} />
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

      <ConsentsSection
        consents={consents}
        action={customer.anonymizedAt ? null : saveConsentsAction.bind(null, process.id)}
      />

      {isManager(user) ? (
        <section className="card stack" aria-labelledby="customer-data">
          <h2 id="customer-data">{t.customers.dataTitle}</h2>
          <p className="hint">{t.customers.export.hint}</p>
          <p className="row">
            <a className="button" href={`/klienci/${customer.id}/eksport`} download>
              {t.customers.export.title}
            </a>
            {user.role === "admin" && !customer.anonymizedAt ? (
              <a className="button danger" href={`/klienci/${customer.id}/anonimizacja`}>
                {t.customers.anonymize.title}
              </a>
            ) : null}
          </p>
        </section>
      ) : null}

      <section className="card" aria-labelledby="process-history">
        <h2 id="process-history">{p.historyTitle}</h2>
        {panel.history.length ? (
          <ul className="history-list">
            <HistoryItems entries={panel.history.map(historyItem)} />
          </ul>
        ) : (
          <p className="muted">{p.noHistory}</p>
        )}
        {panel.history.length < panel.historyTotal ? (
          <p>
            <a href={`/procesy/${panel.process.id}?historia=cala#process-history`}>
              {p.showWholeHistory(panel.historyTotal)}
            </a>
          </p>
        ) : null}
      </section>
    </article>
  );
}
