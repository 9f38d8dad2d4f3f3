import type { Customer } from "@/db/schema";

/** "Jan Kowalski", or a company's name alone. */
export function customerName(customer: Pick<Customer, "firstName" | "lastName">): string {
  return [customer.firstName, customer.lastName].filter(Boolean).join(" ");
}
