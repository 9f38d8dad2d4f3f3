import { checkMapping, matchHeaders, parseImportDate, parseRow } from "@/lib/import/fields";
import { t } from "@/lib/i18n";
import { startOfLocalDay } from "@/lib/time";

describe("matchHeaders", () => {
  test("matches Polish and English headers whatever their case, diacritics and punctuation; a field once", () => {
    expect(
      matchHeaders(["IMIĘ", "last name", "Tel.", "e-mail", "Źródło:", "zrodlo", "Kolumna X", "Zgoda na SMS"]),
    ).toEqual(["firstName", "lastName", "phone", "email", "source", "", "", "consentSms"]);
  });
});

describe("checkMapping", () => {
  test("refuses a field twice, no name, and a field that does not exist", () => {
    expect(checkMapping(["lastName", "phone"]).error).toBeUndefined();
    expect(checkMapping(["lastName", "lastName"]).error).toBe(t.imports.fieldTaken);
    expect(checkMapping(["phone", ""]).error).toBe(t.imports.needName);
    expect(checkMapping(["lastName", "passwordHash"]).error).toBe(t.common.formHasErrors);
  });
});

describe("parseImportDate", () => {
  test("DD.MM.RRRR, D.M.RRRR and ISO are the local day's start; impossible dates are not dates", () => {
    expect(parseImportDate("05.03.2026")).toEqual(startOfLocalDay("2026-03-05"));
    expect(parseImportDate("5.3.2026")).toEqual(startOfLocalDay("2026-03-05"));
    expect(parseImportDate("2026-03-05")).toEqual(startOfLocalDay("2026-03-05"));
    expect(parseImportDate("2026-03-05T14:00:00Z")).toEqual(startOfLocalDay("2026-03-05"));
    for (const bad of ["31.02.2026", "2026-13-01", "05/03/2026", "jutro", "5.3.26"])
      expect(parseImportDate(bad)).toBeNull();
  });
});

describe("parseRow", () => {
  const mapping = checkMapping(["lastName", "phone", "status", "source", "consentEmail"]).mapping;
  test("phones in any common format, Polish status and source names, consents as tak/nie", () => {
    const { row, errors } = parseRow(
      ["Nowak", "(+48) 600-100-200", "w opiece (rezygnacja)", "strona www", "TAK"],
      mapping,
    );
    expect(errors).toEqual([]);
    expect(row).toMatchObject({
      lastName: "Nowak",
      phone: "+48600100200",
      status: "resigned",
      source: "website",
      consents: { email: true },
    });
  });
  test("every error of a row at once", () => {
    const { errors } = parseRow(["", "12", "Zgubiony", "Gazeta", "może"], mapping);
    expect(errors).toEqual([
      t.imports.rowErrors.noName,
      t.imports.rowErrors.phone("12"),
      t.imports.rowErrors.status("Zgubiony"),
      t.imports.rowErrors.source("Gazeta"),
      t.imports.rowErrors.consent("może"),
    ]);
  });
});
