import type { FormState } from "@/lib/actions/form-state";

/** What the control of a field carries: its id, its errors and hint, and whether it is required. */
export type ControlProps = {
  id: string;
  "aria-describedby": string | undefined;
  "aria-invalid": boolean;
  /** The asterisk is hidden from screen readers: this is what tells them. */
  "aria-required": true | undefined;
};

/**
 * Label, control and the field's errors tied to it with aria-describedby. The control spreads the
 * props it is given (`<input {...control} name="…" />`), so none can forget to say it is required.
 */
export function Field({
  id,
  label,
  required,
  state,
  name,
  hint,
  children,
  className,
  hidden,
}: {
  id: string;
  label: string;
  required?: boolean;
  state?: FormState;
  /** The field's name in `state.fieldErrors`, when it differs from `id`. */
  name?: string;
  hint?: string;
  children: (control: ControlProps) => React.ReactNode;
  className?: string;
  /** Hidden by a toggle of the form: not drawn, still submitted (the server ignores it). */
  hidden?: boolean;
}) {
  const errors = state?.fieldErrors?.[name ?? id];
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [errors?.length ? errorId : "", hint ? hintId : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div className={["field", errors?.length ? "has-error" : "", className ?? ""].join(" ").trim()} hidden={hidden}>
      <label htmlFor={id}>
        {label}
        {required ? (
          <span className="required" aria-hidden="true">
            *
          </span>
        ) : null}
      </label>
      {children({
        id,
        "aria-describedby": describedBy,
        "aria-invalid": Boolean(errors?.length),
        "aria-required": required ? true : undefined,
      })}
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {errors?.length ? (
        <p className="field-error" id={errorId}>
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

/** The form-wide message, announced to screen readers. */
export function FormMessage({ state }: { state: FormState }) {
  return (
    <div aria-live="polite" className="form-message-slot">
      {state.message ? (
        <p
          className={state.status === "error" ? "alert error" : "alert success"}
          role={state.status === "error" ? "alert" : "status"}
        >
          {state.message}
        </p>
      ) : null}
    </div>
  );
}
