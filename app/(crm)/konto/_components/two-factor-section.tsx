"use client";

import { useActionState } from "react";
import { Field, FormMessage } from "@/app/ui/field";
import { SubmitButton } from "@/app/ui/submit-button";
import { initialFormState } from "@/lib/actions/form-state";
import type { TwoFactorState } from "@/lib/account/queries";
import { t } from "@/lib/i18n";
import { confirmTwoFactorAction, disableTwoFactorAction, startTwoFactorAction } from "../actions";

const tf = t.account.twoFactor;

type Props = {
  state: TwoFactorState;
  /** While a setup waits for its code: the QR code (one SVG path) and the key to type by hand. */
  setup: { qr: { size: number; path: string }; key: string } | null;
  remainingBackupCodes: number;
  canDisable: boolean;
};

/**
 * "Weryfikacja dwuetapowa" in all its states, in one component: the answer that turns it on carries the
 * backup codes, and it must survive the page drawing the new state around it (with or without JavaScript).
 */
export function TwoFactorSection({ state, setup, remainingBackupCodes, canDisable }: Props) {
  const [startState, startAction] = useActionState(startTwoFactorAction, initialFormState);
  const [confirmState, confirmAction] = useActionState(confirmTwoFactorAction, initialFormState);
  const [disableState, disableAction] = useActionState(disableTwoFactorAction, initialFormState);
  const codes = confirmState.shownOnce;
  return (
    <section className="card stack" aria-labelledby="two-factor-title">
      <h2 id="two-factor-title">{tf.title}</h2>
      <p>{tf.intro}</p>
      <p>
        <strong>{state === "on" ? tf.isOn : tf.isOff}</strong>
      </p>
      {/* Outside the form it answers: a success draws the "off" state, without the form. */}
      <FormMessage state={disableState} />
      {codes?.length ? (
        <div className="alert success stack" role="status">
          <h3>{tf.backupCodesTitle}</h3>
          <p>{tf.backupCodesIntro}</p>
          <ol className="backup-codes" aria-label={tf.backupCodesTitle}>
            {codes.map((code) => (
              <li key={code}>{code}</li>
            ))}
          </ol>
        </div>
      ) : null}

      {state === "off" ? (
        <form action={startAction} className="stack">
          <FormMessage state={startState} />
          <div>
            <SubmitButton pendingText={tf.starting}>{tf.start}</SubmitButton>
          </div>
        </form>
      ) : null}

      {state === "pending" && setup ? (
        <form action={confirmAction} className="stack" noValidate>
          <p>{tf.scan}</p>
          <svg
            className="qr-code"
            viewBox={`-4 -4 ${setup.qr.size + 8} ${setup.qr.size + 8}`}
            role="img"
            aria-label={tf.qrLabel}
            shapeRendering="crispEdges"
          >
            <rect x={-4} y={-4} width={setup.qr.size + 8} height={setup.qr.size + 8} fill="#fff" />
            <path d={setup.qr.path} fill="#000" />
          </svg>
          <p>
            {tf.manualKey} <span className="manual-key">{setup.key}</span>
          </p>
          <FormMessage state={confirmState} />
          <Field id="totp-code" name="code" label={tf.code} state={confirmState} required>
            {(control) => (
              <input
                {...control}
                name="code"
                type="text"
                inputMode="numeric"
                autoComplete="one-time-code"
                required
                key={`code-${confirmState.at}`}
              />
            )}
          </Field>
          <div>
            <SubmitButton pendingText={tf.confirming}>{tf.confirm}</SubmitButton>
          </div>
        </form>
      ) : null}

      {state === "on" ? (
        <>
          <p>{tf.remainingCodes(remainingBackupCodes)}</p>
          {canDisable ? (
            <form action={disableAction} className="stack" noValidate key={disableState.at ?? "disable"}>
              <Field
                id="disable-current-password"
                name="currentPassword"
                label={t.account.currentPassword}
                state={disableState}
                required
              >
                {(control) => (
                  <input {...control} name="currentPassword" type="password" autoComplete="current-password" required />
                )}
              </Field>
              <div>
                <SubmitButton className="button danger" pendingText={tf.disabling}>
                  {tf.disable}
                </SubmitButton>
              </div>
            </form>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
