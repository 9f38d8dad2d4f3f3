"use client";

import { useFormStatus } from "react-dom";

/** A submit button that shows progress while its form is being saved. */
export function SubmitButton({
  children,
  pendingText,
  className = "button primary",
  name,
  value,
  disabled,
}: {
  children: React.ReactNode;
  pendingText?: string;
  className?: string;
  name?: string;
  value?: string;
  /** Held back for a reason of the form's own (files still uploading). */
  disabled?: boolean;
}) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      className={className}
      disabled={pending || disabled}
      aria-busy={pending}
      name={name}
      value={value}
    >
      {pending && pendingText ? pendingText : children}
    </button>
  );
}
