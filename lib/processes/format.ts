import { t } from "@/lib/i18n";

/** A user's name as lists show it, marked when the account is no longer active. */
export function ownerLabel({ name, active }: { name: string; active: boolean }): string {
  return active ? name : `${name} ${t.processes.inactiveMark}`;
}
