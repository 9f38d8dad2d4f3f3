"use client";

import { useActionState, useState, useSyncExternalStore } from "react";
import { Field, FormMessage } from "@/app/ui/field";
import { SubmitButton } from "@/app/ui/submit-button";
import { initialFormState, valueOf, valuesOf, type FormState } from "@/lib/actions/form-state";
import { INITIATIVES, NOTE_TYPES, TASK_GOALS } from "@/lib/domain";
import { t } from "@/lib/i18n";
import { NOTE_MAX, REMIND_ABOUT_MAX } from "@/lib/tasks/limits";
import { CarField, type CarOption, type Timing } from "./car-field";
import { FilePicker } from "./file-picker";
import { TaskTimeFields } from "./time-fields";

/** The test drive being executed: its car, and where its agreement prints. */
export type ExecutedTestDrive = { car: string; agreementHref: string };

/** "Samochód demo": the cars of the process's showroom and where to ask which are free. */
export type FleetChoice = { cars: CarOption[]; freeCarsUrl: string };

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

const noSubscription = () => () => {};

const f = t.tasks.fields;

/**
 * The note + task form of "Planowanie zadań" and "Wykonanie zadania". Works without JavaScript: the
 * toggles only hide fields, and the server ignores what an all-day task or a skipped task leaves behind.
 */
export function TaskForm({
  action,
  submissionId,
  defaults,
  canSkipNextTask = false,
  fleet,
  testDrive,
}: {
  action: Action;
  submissionId: string;
  defaults: { date: string; time: string };
  /** "Nie planuj kolejnych zadań" is offered (the process has ended). */
  canSkipNextTask?: boolean;
  fleet?: FleetChoice;
  testDrive?: ExecutedTestDrive;
}) {
  const [state, formAction] = useActionState(action, initialFormState);
  // Each answer re-mounts the fields with what was submitted, so nothing typed is lost.
  return (
    <TaskFormFields
      key={state.at ?? "new"}
      state={state}
      formAction={formAction}
      submissionId={submissionId}
      defaults={defaults}
      canSkipNextTask={canSkipNextTask}
      fleet={fleet}
      testDrive={testDrive}
    />
  );
}

function TaskFormFields({
  state,
  formAction,
  submissionId,
  defaults,
  canSkipNextTask,
  fleet,
  testDrive,
}: {
  state: FormState;
  formAction: (formData: FormData) => void;
  submissionId: string;
  defaults: { date: string; time: string };
  canSkipNextTask: boolean;
  fleet?: FleetChoice;
  testDrive?: ExecutedTestDrive;
}) {
  const [allDay, setAllDay] = useState(valueOf(state, "allDay") === "on");
  const [skip, setSkip] = useState(canSkipNextTask && valueOf(state, "skipNextTask") === "on");
  const [uploading, setUploading] = useState(false);
  const fileNames = valuesOf(state, "fileNames");
  const files = valuesOf(state, "fileTokens").map((token, i) => ({ token, name: fileNames[i] ?? token }));
  const error = (name: string) => state.fieldErrors?.[name]?.join(" ");
  const [goal, setGoal] = useState(valueOf(state, "goal"));
  // Drawn by the server (and without JavaScript) "Samochód demo" is always there; once hydrated it follows the goal.
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const [timing, setTiming] = useState<Timing>({
    startDate: valueOf(state, "startDate", defaults.date),
    startTime: valueOf(state, "startTime", defaults.time),
    endDate: valueOf(state, "endDate"),
    endTime: valueOf(state, "endTime"),
    allDay,
  });
  // The car list follows the task's time: one listener for the four fields.
  const onTimeChange = (event: React.ChangeEvent<HTMLFormElement>) => {
    const target = event.target as unknown as HTMLInputElement;
    if (["startDate", "startTime", "endDate", "endTime"].includes(target.name)) {
      setTiming((current) => ({ ...current, [target.name]: target.value }));
    }
  };

  return (
    <form action={formAction} className="card stack task-form" noValidate onChange={onTimeChange}>
      <FormMessage state={state} />
      <input type="hidden" name="submissionId" value={valueOf(state, "submissionId", submissionId)} />

      {testDrive ? <TestDriveFields state={state} testDrive={testDrive} /> : null}

      <fieldset className="stack">
        <legend>{t.tasks.notePart}</legend>
        <div className="grid-2">
          <Field id="task-initiative" name="initiative" label={f.initiative} required state={state}>
            {(control) => (
              <select {...control} name="initiative" defaultValue={valueOf(state, "initiative")}>
                <option value="">{t.tasks.chooseOption}</option>
                {INITIATIVES.map((value) => (
                  <option key={value} value={value}>
                    {t.labels.initiative[value]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="task-note-type" name="noteType" label={f.noteType} required state={state}>
            {(control) => (
              <select {...control} name="noteType" defaultValue={valueOf(state, "noteType")}>
                <option value="">{t.tasks.chooseOption}</option>
                {NOTE_TYPES.map((value) => (
                  <option key={value} value={value}>
                    {t.labels.noteType[value]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <div className="field checkbox">
          <input
            id="task-notify-owner"
            name="notifyOwner"
            type="checkbox"
            defaultChecked={valueOf(state, "notifyOwner") === "on"}
          />
          <label htmlFor="task-notify-owner">{f.notifyOwner}</label>
        </div>
        <Field id="task-content" name="content" label={f.content} required state={state}>
          {(control) => (
            <textarea {...control} name="content" maxLength={NOTE_MAX} defaultValue={valueOf(state, "content")} />
          )}
        </Field>
      </fieldset>

      {canSkipNextTask ? (
        <div className="field checkbox">
          <input
            id="task-skip-next"
            name="skipNextTask"
            type="checkbox"
            checked={skip}
            onChange={(event) => setSkip(event.currentTarget.checked)}
          />
          <label htmlFor="task-skip-next">{f.skipNextTask}</label>
        </div>
      ) : null}

      <fieldset className="stack" hidden={skip} data-testid="task-part">
        <legend>{t.tasks.taskPart}</legend>
        <div className="grid-2">
          <Field id="task-goal" name="goal" label={f.goal} required state={state}>
            {(control) => (
              <select
                {...control}
                name="goal"
                defaultValue={valueOf(state, "goal")}
                onChange={(event) => setGoal(event.currentTarget.value)}
              >
                <option value="">{t.tasks.chooseOption}</option>
                {TASK_GOALS.map((value) => (
                  <option key={value} value={value}>
                    {t.labels.taskGoal[value]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="task-remind-about" name="remindAbout" label={f.remindAbout} state={state}>
            {(control) => (
              <input
                {...control}
                name="remindAbout"
                maxLength={REMIND_ABOUT_MAX}
                defaultValue={valueOf(state, "remindAbout")}
              />
            )}
          </Field>
        </div>
        <TaskTimeFields
          state={state}
          defaults={defaults}
          allDay={allDay}
          onAllDayChange={(checked) => {
            setAllDay(checked);
            setTiming((current) => ({ ...current, allDay: checked }));
          }}
        />
        {fleet && fleet.cars.length ? (
          <CarField
            cars={fleet.cars}
            freeCarsUrl={fleet.freeCarsUrl}
            timing={timing}
            state={state}
            initial={valueOf(state, "carId")}
            hidden={hydrated && goal !== "test_drive"}
          />
        ) : null}
        <FilePicker initial={files} error={error("fileTokens")} onUploadingChange={setUploading} />
      </fieldset>

      <div>
        <SubmitButton pendingText={t.tasks.saving} disabled={uploading}>
          {t.tasks.save}
        </SubmitButton>
      </div>
    </form>
  );
}

/** What executing a test drive writes down: "Numer prawa jazdy", "Przebieg przed", "Przebieg po". */
function TestDriveFields({ state, testDrive }: { state: FormState; testDrive: ExecutedTestDrive }) {
  const fl = t.fleet;
  const number = (name: "mileageBefore" | "mileageAfter", label: string) => (
    <Field id={`task-${name}`} name={name} label={`${label} (${fl.mileageUnit})`} state={state}>
      {(control) => (
        <input
          {...control}
          name={name}
          inputMode="numeric"
          pattern="[0-9 ]*"
          autoComplete="off"
          defaultValue={valueOf(state, name)}
        />
      )}
    </Field>
  );
  return (
    <fieldset className="stack" data-testid="test-drive-part">
      <legend>{fl.testDrive}</legend>
      <p>
        {fl.bookedCar}: <strong>{testDrive.car}</strong>{" "}
        <a href={testDrive.agreementHref} target="_blank" rel="noopener">
          {fl.agreement}
        </a>
      </p>
      <Field id="task-licence" name="licenceNumber" label={fl.licenceNumber} state={state}>
        {(control) => (
          <input
            {...control}
            name="licenceNumber"
            maxLength={30}
            autoComplete="off"
            defaultValue={valueOf(state, "licenceNumber")}
          />
        )}
      </Field>
      <div className="grid-2">
        {number("mileageBefore", fl.mileageBefore)}
        {number("mileageAfter", fl.mileageAfter)}
      </div>
    </fieldset>
  );
}
