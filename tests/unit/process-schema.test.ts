import { z } from "zod";
import { changeStatusSchema, newProcessSchema, parseListFilters } from "@/lib/processes/schema";

const errorsOf = (result: { success: boolean; error?: z.ZodError }): Record<string, string[] | undefined> =>
  result.error ? z.flattenError(result.error).fieldErrors : {};

describe("newProcessSchema", () => {
  test("normalizes the phone and lower-cases the e-mail", () => {
    const result = newProcessSchema.parse({
      firstName: " Jan ",
      lastName: "Kowalski",
      phone: "600-123-456",
      email: "Jan.K@Example.PL",
      source: "showroom",
      brand: "Škoda",
      model: "Octavia",
    });
    expect(result).toMatchObject({
      firstName: "Jan",
      lastName: "Kowalski",
      phone: "+48600123456",
      email: "jan.k@example.pl",
      source: "showroom",
    });
    expect(result.ownerId).toBeUndefined();
  });

  test("needs a name and one way of contact", () => {
    const errors = errorsOf(
      newProcessSchema.safeParse({ firstName: "", lastName: " ", phone: "", email: "", source: "phone" }),
    );
    expect(errors.lastName).toEqual(["Podaj imię lub nazwisko (albo nazwę firmy)."]);
    expect(errors.phone).toEqual(["Podaj telefon lub e-mail."]);
  });

  test("a company name alone and an e-mail alone are enough", () => {
    expect(
      newProcessSchema.safeParse({ lastName: "Budex S.A.", email: "biuro@budex.pl", source: "website" }).success,
    ).toBe(true);
  });

  test("rejects a wrong phone, a wrong e-mail and an unknown source in Polish", () => {
    const errors = errorsOf(
      newProcessSchema.safeParse({ lastName: "Nowak", phone: "12345", email: "nowak@", source: "tv" }),
    );
    expect(errors.phone?.[0]).toMatch(/poprawny numer telefonu/);
    expect(errors.email).toEqual(["Podaj poprawny adres e-mail."]);
    expect(errors.source).toEqual(["Wybierz jedną z dostępnych opcji."]);
  });
});

describe("changeStatusSchema", () => {
  test("resignation needs a reason", () => {
    const errors = errorsOf(changeStatusSchema.safeParse({ status: "resigned", reason: "  " }));
    expect(errors.reason).toEqual(["Podaj powód rezygnacji."]);
    expect(changeStatusSchema.parse({ status: "resigned", reason: "Kupił gdzie indziej" })).toEqual({
      status: "resigned",
      reason: "Kupił gdzie indziej",
    });
  });

  test("other statuses drop a reason", () => {
    expect(changeStatusSchema.parse({ status: "offer", reason: "cokolwiek" })).toEqual({
      status: "offer",
      reason: undefined,
    });
  });
});

describe("parseListFilters", () => {
  test("reads the query string and ignores what it does not know", () => {
    expect(
      parseListFilters({ q: " 600 ", status: "offer", owner: "7", flag: "overdue", sort: "created", page: "3" }),
    ).toEqual({
      q: "600",
      status: "offer",
      owner: 7,
      flag: "overdue",
      sort: "created",
      page: 3,
    });
    expect(parseListFilters({ status: "lost", owner: "x", flag: "?", sort: "name", page: "-1", q: "" })).toEqual({
      sort: "activity",
      page: 1,
    });
    expect(parseListFilters({ owner: "inactive", status: ["new", "offer"] })).toMatchObject({
      owner: "inactive",
      status: "new",
    });
  });
});
