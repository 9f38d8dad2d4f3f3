"use client";

import { useActionState } from "react";
import { Field, FormMessage } from "@/app/ui/field";
import { SubmitButton } from "@/app/ui/submit-button";
import { initialFormState, valueOf, type BoundAction } from "@/lib/actions/form-state";
import type { ConsentChannel } from "@/lib/domain";
import { t } from "@/lib/i18n";

/** "Imię", "Nazwisko", "Telefon", "E-mail", "Wiadomość", the three consents and "Wyślij"; a hidden honeypot. */
export function EnquiryForm({
  action,
  consentTexts,
}: {
  action: BoundAction;
  consentTexts: Record<ConsentChannel, string>;
}) {
  const [state, formAction] = useActionState(action, initialFormState);
  const f = t.leads.form;
  if (state.status === "ok") {
    return (
      <p className="alert success" role="status">
        {state.message}
      </p>
    );
  }
  const text = (name: string, label: string, type = "text", autoComplete = "off") => (
    <Field id={`enquiry-${name}`} name={name} label={label} state={state}>
      {(control) => (
        <input {...control} name={name} type={type} autoComplete={autoComplete} defaultValue={valueOf(state, name)} />
      )}
    </Field>
  );
  const consent = (name: string, channel: ConsentChannel) => (
    <div className="field checkbox">
      <input id={`enquiry-${name}`} type="checkbox" name={name} defaultChecked={valueOf(state, name) === "on"} />
      <label htmlFor={`enquiry-${name}`}>{consentTexts[channel]}</label>
    </div>
  );
  return (
    <form action={formAction} className="stack" noValidate>
      <FormMessage state={state} />
      {text("firstName", f.firstName, "text", "given-name")}
      {text("lastName", f.lastName, "text", "family-name")}
      {text("phone", f.phone, "tel", "tel")}
      {text("email", f.email, "email", "email")}
      <Field id="enquiry-message" name="message" label={f.message} state={state}>
        {(control) => <textarea {...control} name="message" rows={4} defaultValue={valueOf(state, "message")} />}
      </Field>
      {consent("consentPhone", "phone")}
      {consent("consentSms", "sms")}
      {consent("consentEmail", "email")}
      <div className="honeypot" aria-hidden="true">
        <label htmlFor="enquiry-website">{f.honeypot}</label>
        <input id="enquiry-website" name="website" type="text" tabIndex={-1} autoComplete="off" />
      </div>
      <div>
        <SubmitButton pendingText={f.sending}>{f.submit}</SubmitButton>
      </div>
    </form>
  );
}
