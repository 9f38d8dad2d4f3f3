import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { config } from "@/lib/config";
import { formatPhone } from "@/lib/customers/phone";
import { formatSpan } from "@/lib/fleet/bookings";
import { carLabel, findAgreement } from "@/lib/fleet/queries";
import { t } from "@/lib/i18n";
import { formatDate } from "@/lib/time";
import { parseId } from "@/lib/validation";
import { PrintButton } from "./print-button";
import "./agreement.css";

export const metadata: Metadata = { title: t.fleet.agreement };

const fl = t.fleet;

/** "Umowa jazdy próbnej": printable on A4, shown only to whoever may see the process. */
export default async function AgreementPage({ params }: { params: Promise<{ id: string; taskId: string }> }) {
  const user = await requireUser();
  const { id, taskId } = await params;
  const taskIdNumber = parseId(taskId);
  const agreement = taskIdNumber ? await findAgreement({ viewer: user, taskId: taskIdNumber }) : undefined;
  if (!agreement || String(agreement.processId) !== id) notFound();
  const { booking, showroom } = agreement;
  // The task's own time: executing it ends the car's booking early, not the drive that was agreed.
  const time =
    agreement.allDay || !agreement.startAt
      ? `${formatDate(agreement.dueDate ?? booking.startAt)}, ${t.tasks.fields.allDay.toLowerCase()}`
      : formatSpan({ startAt: agreement.startAt, endAt: agreement.endAt ?? agreement.startAt });
  const blank = (value: string | number | null | undefined) =>
    value == null || value === "" ? fl.agreementBlank : value;
  const dealer = [config.dealerName, showroom?.name !== config.dealerName ? showroom?.name : null]
    .filter(Boolean)
    .join(", ");
  return (
    <div className="stack">
      <p className="agreement-actions">
        <PrintButton />{" "}
        <a className="button" href={`/procesy/${agreement.processId}`}>
          {t.tasks.backToProcess}
        </a>
      </p>
      <article className="agreement" aria-labelledby="agreement-title">
        <h1 id="agreement-title">{fl.agreement}</h1>
        <p>{fl.agreementIntro(dealer)}</p>
        <dl className="agreement-facts">
          <dt>{fl.agreementDealer}</dt>
          <dd>
            {dealer}
            {showroom?.address ? `, ${showroom.address}` : ""}
            {showroom?.phone ? `, ${formatPhone(showroom.phone)}` : ""}
          </dd>
          <dt>{fl.agreementCustomer}</dt>
          <dd data-testid="agreement-customer">
            {agreement.customer}
            {agreement.phone ? `, ${formatPhone(agreement.phone)}` : ""}
          </dd>
          <dt>{fl.licenceNumber}</dt>
          <dd data-testid="agreement-licence">{blank(booking.licenceNumber)}</dd>
          <dt>{fl.car}</dt>
          <dd data-testid="agreement-car">
            {carLabel(booking.car)}, {fl.vin} {booking.car.vin}
          </dd>
          <dt>{fl.agreementTime}</dt>
          <dd data-testid="agreement-time">{time}</dd>
          <dt>{fl.mileageBefore}</dt>
          <dd data-testid="agreement-mileage-before">
            {blank(booking.mileageBefore)} {fl.mileageUnit}
          </dd>
          <dt>{fl.mileageAfter}</dt>
          <dd data-testid="agreement-mileage-after">
            {blank(booking.mileageAfter)} {fl.mileageUnit}
          </dd>
          <dt>{fl.salesperson}</dt>
          <dd>{agreement.salesperson}</dd>
        </dl>
        <p>{fl.agreementTerms}</p>
        <div className="agreement-signatures">
          <p>{fl.agreementSignDealer}</p>
          <p>{fl.agreementSignCustomer}</p>
        </div>
      </article>
    </div>
  );
}
