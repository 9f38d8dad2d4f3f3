import type { Metadata } from "next";
import { isManager, requireUser } from "@/lib/auth/session";
import { carLabel, listFleet } from "@/lib/fleet/queries";
import { t } from "@/lib/i18n";
import { showroomsForProcesses } from "@/lib/showrooms/queries";
import { formatDate } from "@/lib/time";
import { addCarOutage, editCar, removeCarOutage } from "./actions";
import { AddCarForm } from "./_components/add-car-form";
import { CarEditor, RemoveOutageButton } from "./_components/car-editor";
import "./fleet.css";

export const metadata: Metadata = { title: t.fleet.title };

const fl = t.fleet;

/** "Flota demo": everyone sees the cars of their showrooms; managers and admins edit them. */
export default async function FleetPage() {
  const user = await requireUser();
  const editor = isManager(user);
  const [cars, showrooms] = await Promise.all([listFleet({ viewer: user }), editor ? showroomsForProcesses(user) : []]);
  return (
    <section className="stack">
      <div className="page-head">
        <h1>{fl.title}</h1>
        <a className="button" href="/flota/kalendarz">
          {fl.calendarTitle}
        </a>
      </div>
      <p className="hint">{fl.help}</p>
      {editor && showrooms.length ? <AddCarForm showrooms={showrooms} /> : null}
      <p className="muted">{cars.length ? fl.count(cars.length) : fl.noCars}</p>
      <ul className="fleet-list">
        {cars.map((car) => {
          const label = carLabel(car);
          return (
            <li key={car.id} className="card stack" data-car={car.registration}>
              <h2 className="fleet-car-title">{label}</h2>
              <dl className="task-facts">
                <dt>{fl.showroom}</dt>
                <dd>{car.showroomName}</dd>
                <dt>{fl.vin}</dt>
                <dd>{car.vin}</dd>
              </dl>
              <h3>{fl.outages}</h3>
              {car.outages.length ? (
                <ul className="fleet-outages">
                  {car.outages.map((outage) => {
                    const when = `${formatDate(outage.fromDate)} – ${formatDate(outage.toDate)}`;
                    return (
                      <li key={outage.id}>
                        {when}
                        {outage.reason ? `: ${outage.reason}` : ""}{" "}
                        {editor ? (
                          <RemoveOutageButton
                            action={removeCarOutage.bind(null, outage.id)}
                            label={`${label}, ${when}`}
                          />
                        ) : null}
                      </li>
                    );
                  })}
                </ul>
              ) : (
                <p className="muted">{fl.noOutages}</p>
              )}
              {editor ? (
                <details>
                  <summary>
                    {fl.edit}
                    <span className="sr-only"> {label}</span>
                  </summary>
                  <CarEditor
                    carId={car.id}
                    car={{
                      showroomId: String(car.showroomId),
                      make: car.make,
                      model: car.model,
                      version: car.version,
                      registration: car.registration,
                      vin: car.vin,
                    }}
                    showrooms={
                      showrooms.some((s) => s.id === car.showroomId)
                        ? showrooms
                        : [{ id: car.showroomId, name: car.showroomName }, ...showrooms]
                    }
                    actions={{ edit: editCar.bind(null, car.id), addOutage: addCarOutage.bind(null, car.id) }}
                  />
                </details>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
