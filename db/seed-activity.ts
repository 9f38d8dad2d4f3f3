import { and, eq, lt } from "drizzle-orm";
import type { Executor } from "./client";
import { notes, processes, tasks, type User } from "./schema";
import type { Initiative, NoteType, ProcessStatus, TaskGoal } from "@/lib/domain";
import { addDays, localDate, startOfLocalDay, zonedInstant } from "@/lib/time";

/** What the demo's process seed hands over. */
import type { SeededProcess } from "./seed-processes";

export type { SeededProcess };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const STEPS: Record<ProcessStatus, number> = { new: 0, in_progress: 2, offer: 3, order: 4, delivered: 5, resigned: 3 };

const CONTACTS: { type: NoteType; goal: TaskGoal; initiative: Initiative; text: string }[] = [
  {
    type: "phone",
    goal: "phone_contact",
    initiative: "customer",
    text: "Klient zadzwonił z pytaniem o dostępność modelu i terminy. Umówiliśmy się na kontakt z ofertą.",
  },
  {
    type: "showroom_meeting",
    goal: "showroom_meeting",
    initiative: "customer",
    text: "Spotkanie w salonie: obejrzeliśmy auto, rozmowa o wersjach wyposażenia i kolorach.",
  },
  {
    type: "test_drive",
    goal: "test_drive",
    initiative: "dealer",
    text: "Jazda próbna odbyta, klient zadowolony z prowadzenia; pytał o spalanie w mieście.",
  },
  {
    type: "email",
    goal: "offer_presentation",
    initiative: "dealer",
    text: "Wysłałem ofertę e-mailem z wyceną leasingu na 36 miesięcy.",
  },
  {
    type: "offer",
    goal: "negotiation",
    initiative: "dealer",
    text: "Omówiliśmy ofertę; klient porównuje z konkurencją, prosi o lepszy rabat na pakiet zimowy.",
  },
  {
    type: "phone",
    goal: "contract_signing",
    initiative: "customer",
    text: "Klient potwierdził decyzję telefonicznie, ustaliliśmy termin podpisania umowy.",
  },
  {
    type: "customer_visit",
    goal: "vehicle_handover",
    initiative: "dealer",
    text: "Umowa podpisana u klienta w firmie; uzgodniony termin wydania samochodu.",
  },
];

const REMINDERS = [
  "zabrać katalog akcesoriów",
  "sprawdzić termin dostawy",
  "przygotować kalkulację leasingu",
  null,
  "dowód osobisty i prawo jazdy",
  null,
];

/** A small deterministic generator, so every demo looks the same. */
function random(seed: number) {
  let state = seed % 2147483647 || 1;
  return () => (state = (state * 16807) % 2147483647) / 2147483647;
}

function timedAt(date: string, hour: number) {
  return zonedInstant(date, `${String(hour).padStart(2, "0")}:00`) ?? startOfLocalDay(date);
}

/**
 * Notes and tasks on the demo processes: a history of contacts, each done task reported by a note;
 * open processes have their next contact planned (some overdue, some today, some later), except a few
 * that show "Brak zaplanowanego kontaktu".
 */
export async function seedActivity(tx: Executor, users: User[], seeded: SeededProcess[], now: Date): Promise<void> {
  const rnd = random(seeded.length * 7919 + 17);
  const today = localDate(now);
  for (const [index, process] of seeded.entries()) {
    const steps = STEPS[process.status];
    if (steps === 0) continue;
    const author = users.find((user) => user.id === process.ownerId) ?? users[0];
    const span = Math.max(now.getTime() - process.createdAt.getTime() - DAY, steps * HOUR);
    let at = new Date(process.createdAt.getTime() + HOUR);
    let lastActivity = at;

    // The first note, written when the process was set up, plans the first contact.
    let previousTaskId: number | null = null;
    for (let step = 0; step <= steps; step++) {
      const contact = CONTACTS[Math.min(step, CONTACTS.length - 1)];
      const note = {
        processId: process.id,
        authorId: author.id,
        initiative: step === 0 ? contact.initiative : rnd() < 0.5 ? ("customer" as const) : ("dealer" as const),
        type: contact.type,
        content: contact.text,
        notifyOwner: false,
        taskId: previousTaskId,
        createdAt: at,
      };
      await tx.insert(notes).values(note);
      lastActivity = at;
      if (previousTaskId) {
        await tx
          .update(tasks)
          .set({ state: "done", doneAt: at, doneById: author.id })
          .where(eq(tasks.id, previousTaskId));
      }

      const isLast = step === steps;
      const closed = process.status === "delivered" || process.status === "resigned";
      if (isLast && (closed || index % 7 === 3)) break;

      const goal = CONTACTS[Math.min(step + 1, CONTACTS.length - 1)].goal;
      const dueDate = isLast ? upcomingDate(today, index, rnd) : localDate(new Date(at.getTime() + span / (steps + 1)));
      let allDay = rnd() < 0.2;
      let startAt = allDay ? null : timedAt(dueDate, 9 + Math.floor(rnd() * 8));
      // A task already reported on was due before now.
      if (!isLast && (startAt ?? startOfLocalDay(dueDate)).getTime() > now.getTime() - 2 * HOUR) {
        allDay = false;
        startAt = new Date(Math.min(at.getTime() + HOUR, now.getTime() - HOUR));
      }
      const [task] = await tx
        .insert(tasks)
        .values({
          processId: process.id,
          assigneeId: process.ownerId,
          plannedById: author.id,
          goal,
          remindAbout: REMINDERS[(index + step) % REMINDERS.length],
          allDay,
          dueDate: allDay ? dueDate : null,
          startAt,
          endAt: startAt ? new Date(startAt.getTime() + 30 * 60_000) : null,
          dueAt: startAt ?? startOfLocalDay(dueDate),
          createdAt: at,
        })
        .returning({ id: tasks.id, dueAt: tasks.dueAt });
      previousTaskId = task.id;
      at = new Date(Math.min(task.dueAt.getTime() + 2 * HOUR, now.getTime() - HOUR));
    }
    await tx
      .update(processes)
      .set({ lastActivityAt: lastActivity })
      .where(and(eq(processes.id, process.id), lt(processes.lastActivityAt, lastActivity)));
  }
}

/** The open process's next contact: a few overdue, some today, most in the next two weeks. */
function upcomingDate(today: string, index: number, rnd: () => number): string {
  const bucket = index % 5;
  if (bucket === 0) return addDays(today, -1 - Math.floor(rnd() * 3));
  if (bucket === 1) return today;
  return addDays(today, 1 + Math.floor(rnd() * 14));
}
