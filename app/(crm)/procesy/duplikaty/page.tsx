import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/session";
import { findVisibleCustomer } from "@/lib/customers/access";
import { listDuplicateGroups } from "@/lib/customers/merge";
import { customerName, vehicleName } from "@/lib/customers/name";
import { formatPhone } from "@/lib/customers/phone";
import { t } from "@/lib/i18n";
import { parseId } from "@/lib/validation";
import { mergeCustomersAction } from "./actions";
import { MergeForm } from "./_components/merge-form";
import "./duplicates.css";

const m = t.customers.merge;

export const metadata: Metadata = { title: m.title };

/** Every pair of a group, in the group's order: each one gets its own "Połącz". */
function pairsOf<T>(items: T[]): [T, T][] {
  return items.flatMap((a, i) => items.slice(i + 1).map((b): [T, T] => [a, b]));
}

/** "Duplikaty" (managers, admins): customers sharing a phone or an e-mail, and "Połącz" for each pair. */
export default async function DuplicatesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireRole(["manager", "admin"]);
  const { polaczono } = await searchParams;
  const keptId = parseId(polaczono);
  const kept = keptId ? await findVisibleCustomer({ user, id: keptId }) : undefined;
  const groups = await listDuplicateGroups({ viewer: user });
  const nameOf = (customer: Parameters<typeof customerName>[0]) => customerName(customer) || t.common.none;

  return (
    <section className="stack">
      <h1>{m.title}</h1>
      <p>{m.intro}</p>
      {keptId ? (
        <p className="alert success" role="status">
          {kept ? m.merged(nameOf(kept)) : m.mergedUnnamed}
        </p>
      ) : null}
      {groups.length ? (
        groups.map((group) => {
          const heading = group.by === "phone" ? m.byPhone(formatPhone(group.key)) : m.byEmail(group.key);
          const headingId = `duplicates-${group.by}-${group.customers[0]?.id ?? 0}`;
          return (
            <section key={`${group.by}:${group.key}`} className="card stack" aria-labelledby={headingId}>
              <h2 id={headingId}>{heading}</h2>
              <table className="table responsive">
                <thead>
                  <tr>
                    <th>{m.customer}</th>
                    <th>{m.phone}</th>
                    <th>{m.email}</th>
                    <th>{m.processes}</th>
                  </tr>
                </thead>
                <tbody>
                  {group.customers.map((customer) => (
                    <tr key={customer.id}>
                      <td data-label={m.customer}>{m.keepOption(nameOf(customer), customer.id)}</td>
                      <td data-label={m.phone}>{customer.phone ? formatPhone(customer.phone) : t.common.none}</td>
                      <td data-label={m.email}>{customer.email ?? t.common.none}</td>
                      <td data-label={m.processes}>
                        <span>{m.processCount(customer.processes)}</span>
                        {customer.visible.length ? (
                          <ul className="duplicate-processes">
                            {customer.visible.map((process) => (
                              <li key={process.id}>
                                <a href={`/procesy/${process.id}`}>
                                  {[
                                    vehicleName(process) || `#${process.id}`,
                                    t.labels.processStatus[process.status],
                                  ].join(" — ")}
                                </a>
                              </li>
                            ))}
                          </ul>
                        ) : (
                          <span className="muted"> ({m.noVisibleProcesses})</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {pairsOf(group.customers).map(([a, b]) => (
                <MergeForm
                  key={`${a.id}-${b.id}`}
                  formId={`merge-${group.by}-${a.id}-${b.id}`}
                  action={mergeCustomersAction.bind(null, a.id)}
                  otherId={b.id}
                  legend={m.pair(nameOf(a), nameOf(b))}
                  choices={[a, b].map((customer) => ({
                    id: customer.id,
                    label: m.keepOption(nameOf(customer), customer.id),
                  }))}
                />
              ))}
            </section>
          );
        })
      ) : (
        <p className="muted">{m.none}</p>
      )}
    </section>
  );
}
