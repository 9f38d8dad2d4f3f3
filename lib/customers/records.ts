import "server-only";
import { and, eq, isNull, or, sql } from "drizzle-orm";
import { defineStatement, valueOf } from "@/db/client";
import { customers } from "@/db/schema";

// The statements that find and write customers where many come at once (leads, imports): built once and
// run in the caller's transaction.

/** Customers with this phone or e-mail (stored E.164 and lower-cased), never an anonymised one; oldest first. */
export const customersWithContact = defineStatement((db, shape: { phone: boolean; email: boolean }) =>
  db
    .select()
    .from(customers)
    .where(
      and(
        or(
          shape.phone ? eq(customers.phone, sql.placeholder("phone")) : undefined,
          shape.email ? eq(customers.email, sql.placeholder("email")) : undefined,
        ),
        isNull(customers.anonymizedAt),
      ),
    )
    .orderBy(customers.id)
    .limit(20),
);

/** A new customer; an import's carries the import's id ("Cofnij import" removes it), others null. */
export const insertCustomer = defineStatement((db) =>
  db
    .insert(customers)
    .values({
      firstName: valueOf("firstName"),
      lastName: valueOf("lastName"),
      phone: valueOf("phone"),
      email: valueOf("email"),
      importId: valueOf("importId"),
      createdAt: valueOf("createdAt"),
    })
    .returning({ id: customers.id }),
);
