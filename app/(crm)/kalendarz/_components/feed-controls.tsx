"use client";

import { useActionState } from "react";
import { FormMessage } from "@/app/ui/field";
import { SubmitButton } from "@/app/ui/submit-button";
import { initialFormState, valueOf } from "@/lib/actions/form-state";
import { t } from "@/lib/i18n";
import { createCalendarFeed, revokeCalendarFeed } from "../actions";
import { CopyField } from "./copy-field";

export function FeedControls({ hasFeed }: { hasFeed: boolean }) {
  const [created, createAction] = useActionState(createCalendarFeed, initialFormState);
  const [revoked, revokeAction] = useActionState(revokeCalendarFeed, initialFormState);
  const tf = t.calendar.feed;
  // The address exists only in the answer to "create": the database keeps just its hash.
  const url = hasFeed ? valueOf(created, "feedUrl") : "";
  const latest = (created.at ?? 0) >= (revoked.at ?? 0) ? created : revoked;
  return (
    <section className="card stack feed-controls" aria-labelledby="feed-title">
      <h2 id="feed-title">{tf.title}</h2>
      <p className="muted">{tf.intro}</p>
      <FormMessage state={latest} />
      {url ? <CopyField id="feed-url" label={tf.urlLabel} value={url} /> : <p>{hasFeed ? tf.active : tf.none}</p>}
      <div className="row">
        <form action={createAction}>
          <SubmitButton className={hasFeed ? "button" : "button primary"} pendingText={tf.creating}>
            {hasFeed ? tf.replace : tf.create}
          </SubmitButton>
        </form>
        {hasFeed ? (
          <form action={revokeAction}>
            <SubmitButton className="button danger" pendingText={tf.revoking}>
              {tf.revoke}
            </SubmitButton>
          </form>
        ) : null}
      </div>
    </section>
  );
}
