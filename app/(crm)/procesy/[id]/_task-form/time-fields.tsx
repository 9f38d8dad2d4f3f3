"use client";

import { Field } from "@/app/ui/field";
import { valueOf, type FormState } from "@/lib/actions/form-state";
import { t } from "@/lib/i18n";

const f = t.tasks.fields;

/** What the time fields show before anything was submitted. */
export type TimeDefaults = { date: string; time: string; endDate?: string; endTime?: string };

/**
 * "Data rozpoczęcia", "Godzina rozpoczęcia", "Cały dzień", "Data zakończenia", "Godzina zakończenia": the
 * planning form's and "Zmień termin"'s. Ticking "Cały dzień" hides the clock fields; without JavaScript
 * they stay and the server ignores them (lib/tasks/schema.ts).
 */
export function TaskTimeFields({
  state,
  defaults,
  allDay,
  onAllDayChange,
}: {
  state: FormState;
  defaults: TimeDefaults;
  allDay: boolean;
  onAllDayChange: (checked: boolean) => void;
}) {
  return (
    <>
      <div className="grid-2">
        <Field id="task-start-date" name="startDate" label={f.startDate} required state={state}>
          {(control) => (
            <input
              {...control}
              name="startDate"
              type="date"
              defaultValue={valueOf(state, "startDate", defaults.date)}
            />
          )}
        </Field>
        <Field id="task-start-time" name="startTime" label={f.startTime} required state={state} hidden={allDay}>
          {(control) => (
            <input
              {...control}
              name="startTime"
              type="time"
              defaultValue={valueOf(state, "startTime", defaults.time)}
            />
          )}
        </Field>
      </div>
      <div className="field checkbox">
        <input
          id="task-all-day"
          name="allDay"
          type="checkbox"
          checked={allDay}
          onChange={(event) => onAllDayChange(event.currentTarget.checked)}
        />
        <label htmlFor="task-all-day">{f.allDay}</label>
      </div>
      <div className="grid-2">
        <Field id="task-end-date" name="endDate" label={f.endDate} state={state} hidden={allDay}>
          {(control) => (
            <input {...control} name="endDate" type="date" defaultValue={valueOf(state, "endDate", defaults.endDate)} />
          )}
        </Field>
        <Field id="task-end-time" name="endTime" label={f.endTime} state={state} hidden={allDay}>
          {(control) => (
            <input {...control} name="endTime" type="time" defaultValue={valueOf(state, "endTime", defaults.endTime)} />
          )}
        </Field>
      </div>
    </>
  );
}
