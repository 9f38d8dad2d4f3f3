/** The name to show for a customer: "Imię Nazwisko", or a company's name. */
export function customerName(customer: { firstName: string; lastName: string }): string {
  return [customer.firstName, customer.lastName].filter(Boolean).join(" ").trim() || "—";
}
