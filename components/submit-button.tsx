"use client";

import { useFormStatus } from "react-dom";

/** A submit button that shows progress while its form is being saved. */
export function SubmitButton({
  children,
  pendingText,
  className = "button primary",
  name,
  value,
}: {
  children: React.ReactNode;
  pendingText?: string;
  className?: string;
  name?: string;
  value?: string;
}) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className={className} disabled={pending} aria-busy={pending} name={name} value={value}>
      {pending && pendingText ? pendingText : children}
    </button>
  );
}
