"use client";

import { useEffect, useState } from "react";
import { Field } from "@/app/ui/field";
import type { FormState } from "@/lib/actions/form-state";
import { t } from "@/lib/i18n";

export type CarOption = { id: number; label: string };
/** The task's time as the form's fields hold it. */
export type Timing = { startDate: string; startTime: string; endDate: string; endTime: string; allDay: boolean };

const fl = t.fleet;

/**
 * "Samochód demo". The server draws every car of the process's showroom (without JavaScript the save
 * refuses a busy one); here, whenever the task's time changes, the list narrows to the cars free then.
 */
export function CarField({
  cars,
  freeCarsUrl,
  timing,
  state,
  initial,
  hidden,
}: {
  cars: CarOption[];
  /** /api/flota/wolne?proces=…, the time is added here. */
  freeCarsUrl: string;
  timing: Timing;
  state: FormState;
  initial: string;
  hidden: boolean;
}) {
  const [carId, setCarId] = useState(initial);
  const [free, setFree] = useState<number[] | null>(null);
  const query = new URLSearchParams({
    startDate: timing.startDate,
    startTime: timing.startTime,
    endDate: timing.endDate,
    endTime: timing.endTime,
    ...(timing.allDay ? { allDay: "on" } : {}),
  }).toString();

  useEffect(() => {
    if (hidden) return;
    const controller = new AbortController();
    const load = async () => {
      try {
        const response = await fetch(`${freeCarsUrl}&${query}`, { cache: "no-store", signal: controller.signal });
        if (!response.ok) return setFree(null);
        const { carIds } = (await response.json()) as { carIds: number[] | null };
        setFree(Array.isArray(carIds) ? carIds : null);
      } catch {
        // Offline or aborted: every car stays listed and the save decides.
      }
    };
    void load();
    return () => controller.abort();
  }, [freeCarsUrl, query, hidden]);

  const offered = free === null ? cars : cars.filter((car) => free.includes(car.id) || String(car.id) === carId);
  const busy = free !== null && carId !== "" && !free.includes(Number(carId));
  return (
    <Field
      id="task-car"
      name="carId"
      label={fl.car}
      state={state}
      hidden={hidden}
      hint={free !== null && free.length === 0 ? fl.noFreeCars : fl.carHelp}
    >
      {(control) => (
        <select {...control} name="carId" value={busy ? "" : carId} onChange={(e) => setCarId(e.currentTarget.value)}>
          <option value="">{fl.noCar}</option>
          {offered.map((car) => (
            <option key={car.id} value={car.id} disabled={free !== null && !free.includes(car.id)}>
              {car.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
