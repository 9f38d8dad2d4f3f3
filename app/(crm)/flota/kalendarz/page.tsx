import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { weekOf } from "@/lib/calendar/week";
import { carLabel, fleetWeek } from "@/lib/fleet/queries";
import { t } from "@/lib/i18n";
import { addDays, formatDate, localDate, localTime, startOfLocalDay } from "@/lib/time";
import "../fleet.css";

export const metadata: Metadata = { title: t.fleet.calendarTitle };

const fl = t.fleet;

/** "Kalendarz floty": the week by car, each booking with its salesperson (and customer, where visible). */
export default async function FleetCalendarPage({ searchParams }: { searchParams: Promise<{ tydzien?: string }> }) {
  const user = await requireUser();
  const { tydzien } = await searchParams;
  const now = new Date();
  const week = weekOf(typeof tydzien === "string" ? tydzien : undefined, now);
  const today = localDate(now);
  const { cars, bookings, outages } = await fleetWeek({ viewer: user, from: week.from, to: week.to });
  const dayBounds = (day: string) => ({ from: startOfLocalDay(day), to: startOfLocalDay(addDays(day, 1)) });
  const within = (span: { startAt: Date; endAt: Date }, day: string) => {
    const { from, to } = dayBounds(day);
    return span.startAt < to && span.endAt > from;
  };
  // A time that starts or ends on another day shows that day's date too.
  const clock = (instant: Date, day: string) =>
    localDate(instant) === day ? localTime(instant) : `${formatDate(instant)} ${localTime(instant)}`;
  const tc = t.calendar;
  return (
    <section className="stack">
      <div className="page-head">
        <h1>{fl.calendarTitle}</h1>
        <a className="button" href="/flota">
          {fl.title}
        </a>
      </div>
      <div className="page-head">
        <h2>{fl.weekOf(formatDate(week.days[0]), formatDate(week.days[6]))}</h2>
        <nav className="row" aria-label={fl.calendarTitle}>
          <a className="button small" href={`/flota/kalendarz?tydzien=${addDays(week.monday, -7)}`}>
            ← {fl.previousWeek}
          </a>
          <a className="button small" href="/flota/kalendarz">
            {fl.thisWeek}
          </a>
          <a className="button small" href={`/flota/kalendarz?tydzien=${addDays(week.monday, 7)}`}>
            {fl.nextWeek} →
          </a>
        </nav>
      </div>
      {cars.length === 0 ? (
        <p className="muted">{fl.noCars}</p>
      ) : (
        <div className="fleet-calendar">
          <table>
            <thead>
              <tr>
                <th scope="col">{fl.car}</th>
                {week.days.map((day, i) => (
                  <th key={day} scope="col" className={day === today ? "today" : undefined}>
                    {tc.dayNames[i]} <span className="cal-date">{formatDate(day)}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {cars.map((car) => (
                <tr key={car.id} data-car={car.registration}>
                  <th scope="row">{carLabel(car)}</th>
                  {week.days.map((day, i) => (
                    <td key={day} data-day={day} data-label={`${tc.dayNames[i]} ${formatDate(day)}`}>
                      {outages
                        .filter((o) => o.carId === car.id && within(o, day))
                        .map((o) => (
                          <span key={o.id} className="fleet-outage">
                            {fl.outOfService}
                            {o.reason ? `: ${o.reason}` : ""}
                          </span>
                        ))}
                      {bookings
                        .filter((b) => b.carId === car.id && within(b, day))
                        .map((b) => (
                          <span
                            key={b.id}
                            className={b.state === "done" ? "fleet-booking done" : "fleet-booking"}
                            data-testid="fleet-booking"
                          >
                            {clock(b.startAt, day)}–{clock(b.endAt, day)}
                            <br />
                            {fl.salesperson}: {b.salesperson}
                            <br />
                            {b.customer !== null && b.processId !== null ? (
                              <a href={`/procesy/${b.processId}`}>{b.customer}</a>
                            ) : (
                              <span className="muted">{fl.hiddenCustomer}</span>
                            )}
                          </span>
                        ))}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
