import type { FormState } from "@/lib/actions/form-state";

/** Label, control and the field's errors tied to it with aria-describedby. */
export function Field({
  id,
  label,
  required,
  state,
  name,
  hint,
  children,
  className,
}: {
  id: string;
  label: string;
  required?: boolean;
  state?: FormState;
  /** The field's name in `state.fieldErrors`, when it differs from `id`. */
  name?: string;
  hint?: string;
  children: (describedBy: string | undefined, invalid: boolean) => React.ReactNode;
  className?: string;
}) {
  const errors = state?.fieldErrors?.[name ?? id];
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [errors?.length ? errorId : "", hint ? hintId : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div className={["field", errors?.length ? "has-error" : "", className ?? ""].join(" ").trim()}>
      <label htmlFor={id}>
        {label}
        {required ? (
          <span className="required" aria-hidden="true">
            *
          </span>
        ) : null}
      </label>
      {children(describedBy, Boolean(errors?.length))}
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
