import { z } from "zod";
import { changeShowroomSchema, parseListFilters } from "@/lib/processes/schema";
import { showroomSchema } from "@/lib/showrooms/schema";
import { newUserSchema, userShowroomsSchema } from "@/lib/users/schema";

const errorsOf = (result: { success: boolean; error?: z.ZodError }): Record<string, string[] | undefined> =>
  result.error ? z.flattenError(result.error).fieldErrors : {};

describe("showroomSchema", () => {
  const hours = { opensAt: "08:00", closesAt: "18:00" };

  test("a name is required; address and phone are optional, the phone kept as +48…", () => {
    expect(showroomSchema.parse({ name: " Salon Centrum ", address: "", phone: "22 123 45 67", ...hours })).toEqual({
      name: "Salon Centrum",
      address: undefined,
      phone: "+48221234567",
      ...hours,
    });
    expect(errorsOf(showroomSchema.safeParse({ name: "  ", phone: "nie-telefon", ...hours }))).toEqual({
      name: ["To pole jest wymagane."],
      phone: ["Podaj poprawny numer telefonu, np. 600 123 456 albo +48 600 123 456."],
    });
    expect(errorsOf(showroomSchema.safeParse({ name: "x".repeat(81), ...hours })).name).toEqual([
      "Maksymalnie 80 znaków.",
    ]);
  });

  test("the working day: both hours as HH:MM, closing after opening", () => {
    expect(showroomSchema.parse({ name: "Salon", opensAt: " 09:30 ", closesAt: "17:00" })).toMatchObject({
      opensAt: "09:30",
      closesAt: "17:00",
    });
    expect(errorsOf(showroomSchema.safeParse({ name: "Salon", opensAt: "", closesAt: "25:00" }))).toEqual({
      opensAt: ["To pole jest wymagane."],
      closesAt: ["Podaj godzinę w formacie GG:MM."],
    });
    expect(errorsOf(showroomSchema.safeParse({ name: "Salon", opensAt: "9:00", closesAt: "8 rano" }))).toEqual({
      opensAt: ["Podaj godzinę w formacie GG:MM."],
      closesAt: ["Podaj godzinę w formacie GG:MM."],
    });
    for (const closesAt of ["08:00", "07:59"]) {
      expect(errorsOf(showroomSchema.safeParse({ name: "Salon", opensAt: "08:00", closesAt }))).toEqual({
        closesAt: ["Godzina zamknięcia musi być późniejsza niż godzina otwarcia."],
      });
    }
  });
});

describe("who works where", () => {
  const user = { name: "Ewa", email: "ewa@salon.pl", password: "haslo-dlugie", role: "manager" };

  test("a new user works in at least one showroom; repeated ids count once", () => {
    expect(newUserSchema.parse({ ...user, showroomIds: ["2", "1", "2"] }).showroomIds).toEqual([2, 1]);
    expect(errorsOf(newUserSchema.safeParse({ ...user, showroomIds: [] })).showroomIds).toEqual([
      "Wybierz co najmniej jeden salon.",
    ]);
    expect(errorsOf(userShowroomsSchema.safeParse({ showroomIds: ["abc"] })).showroomIds).toEqual([
      "Wybierz jedną z dostępnych opcji.",
    ]);
    expect(userShowroomsSchema.safeParse({ showroomIds: ["0"] }).success).toBe(false);
    expect(userShowroomsSchema.safeParse({ showroomIds: ["1.5"] }).success).toBe(false);
  });

  test("moving a process needs a showroom; the owner is optional", () => {
    expect(changeShowroomSchema.parse({ showroomId: "3", ownerId: "" })).toEqual({ showroomId: 3, ownerId: undefined });
    expect(changeShowroomSchema.parse({ showroomId: "3", ownerId: "7" })).toEqual({ showroomId: 3, ownerId: 7 });
    expect(errorsOf(changeShowroomSchema.safeParse({ showroomId: "" })).showroomId).toEqual([
      "Wybierz jedną z dostępnych opcji.",
    ]);
  });

  test("the list's Salon filter: an id, anything else ignored", () => {
    expect(parseListFilters({ salon: "4" }).salon).toBe(4);
    for (const salon of ["abc", "-1", "0", "1.5", "99999999999999999999"])
      expect(parseListFilters({ salon }).salon).toBeUndefined();
  });
});
