import type { Customer, Process } from "@/db/schema";

/** "Jan Kowalski", or a company's name alone. */
export function customerName(customer: Pick<Customer, "firstName" | "lastName">): string {
  return [customer.firstName, customer.lastName].filter(Boolean).join(" ").trim();
}

/** "Toyota Corolla". */
export function vehicleName(process: Pick<Process, "brand" | "model">): string {
  return [process.brand, process.model].filter(Boolean).join(" ").trim();
}
