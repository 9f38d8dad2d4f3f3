import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/session";
import { formatPhone } from "@/lib/customers/phone";
import { t } from "@/lib/i18n";
import { listShowrooms } from "@/lib/showrooms/queries";
import { editShowroom, setShowroomActiveAction } from "./actions";
import { AddShowroomForm } from "./_components/add-showroom-form";
import { ShowroomRow } from "./_components/showroom-row";

export const metadata: Metadata = { title: t.showrooms.title };

export default async function ShowroomsPage() {
  await requireRole(["admin"]);
  const showrooms = await listShowrooms();
  const s = t.showrooms;
  return (
    <section className="stack">
      <h1>{s.title}</h1>
      <p className="hint">{s.help}</p>
      <AddShowroomForm />
      <p className="muted">{s.count(showrooms.length)}</p>
      <table className="table responsive">
        <thead>
          <tr>
            <th>{s.name}</th>
            <th>{s.status}</th>
            <th className="num">{s.people}</th>
            <th>{s.actions}</th>
          </tr>
        </thead>
        <tbody>
          {showrooms.map((showroom) => (
            <ShowroomRow
              key={showroom.id}
              showroom={{ ...showroom, phone: showroom.phone ? formatPhone(showroom.phone) : "" }}
              actions={{
                edit: editShowroom.bind(null, showroom.id),
                setActive: setShowroomActiveAction.bind(null, showroom.id),
              }}
            />
          ))}
        </tbody>
      </table>
    </section>
  );
}
