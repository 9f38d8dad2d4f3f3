import type { BoundAction } from "@/lib/actions/form-state";
import { allows, type ConsentHistoryEntry, type ConsentState } from "@/lib/consents/queries";
import { CONSENT_CHANNELS, type ConsentChannel } from "@/lib/domain";
import { t } from "@/lib/i18n";
import { formatDateTime } from "@/lib/time";
import { ConsentsForm } from "./consents-form";

/** "Telefon: zgoda na kontakt marketingowy" next to a contact, for each of its channels. */
export function MarketingMarks({ state, channels }: { state: ConsentState; channels: readonly ConsentChannel[] }) {
  return (
    <span className="consent-marks">
      {channels.map((channel) => {
        const name = t.consents.channelShort[channel];
        const allowed = allows(state, channel);
        return (
          <span key={channel} className={allowed ? "pill consent-yes" : "pill consent-no"} data-consent={channel}>
            {allowed ? t.consents.marketing.allowed(name) : t.consents.marketing.notAllowed(name)}
          </span>
        );
      })}
    </span>
  );
}

function consentStateText(entry: ConsentState[ConsentChannel]): string {
  if (!entry) return t.consents.never;
  const when = formatDateTime(entry.at);
  return entry.granted ? t.consents.grantedSince(when) : t.consents.withdrawnSince(when);
}

function ConsentHistory({ history }: { history: ConsentHistoryEntry[] }) {
  if (!history.length) return <p className="muted">{t.consents.noHistory}</p>;
  return (
    <ul className="history-list consent-history">
      {history.map((entry) => (
        <li key={entry.id}>
          <div className="entry-head">
            <strong>{t.consents.historyEntry(t.consents.channel[entry.channel], entry.granted)}</strong>
            <time dateTime={entry.recordedAt.toISOString()}>{formatDateTime(entry.recordedAt)}</time>
          </div>
          <p className="muted">
            {t.consents.source}: {t.labels.consentSource[entry.source]} · {t.consents.recordedBy}:{" "}
            {entry.recordedByName ?? t.consents.nobody}
          </p>
          <details>
            <summary>{t.consents.wording}</summary>
            <p className="note-content">{entry.text ?? t.consents.unknownWording}</p>
          </details>
        </li>
      ))}
    </ul>
  );
}

/**
 * The panel's "Zgody": the current state per channel, "Zapisz zgody" (none for an anonymised customer:
 * `action` null) and the whole history with its wording.
 */
export function ConsentsSection({
  consents,
  action,
}: {
  consents: { state: ConsentState; history: ConsentHistoryEntry[] };
  action: BoundAction | null;
}) {
  const granted = Object.fromEntries(
    CONSENT_CHANNELS.map((channel) => [channel, allows(consents.state, channel)]),
  ) as Record<ConsentChannel, boolean>;
  return (
    <section className="card stack" aria-labelledby="process-consents">
      <h2 id="process-consents">{t.consents.title}</h2>
      <dl className="consent-state">
        {CONSENT_CHANNELS.map((channel) => (
          <div key={channel} data-channel={channel}>
            <dt>{t.consents.channel[channel]}</dt>
            <dd>{consentStateText(consents.state[channel])}</dd>
          </div>
        ))}
      </dl>
      {action ? <ConsentsForm action={action} granted={granted} /> : null}
      <h3>{t.consents.history}</h3>
      <ConsentHistory history={consents.history} />
    </section>
  );
}
