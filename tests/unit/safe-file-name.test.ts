import { safeFileName } from "@/lib/tasks/files";

test("an uploaded file's name keeps its last path segment, without control or bidi-override characters", () => {
  expect(safeFileName("../../etc/passwd")).toBe("passwd");
  expect(safeFileName("..\\..\\windows\\win.ini")).toBe("win.ini");
  expect(safeFileName("oferta\u0000.pdf")).toBe("oferta.pdf");
  expect(safeFileName("faktura\u202Efdp.exe")).toBe("fakturafdp.exe");
  expect(safeFileName("a\u2066b\u2069\u200Fc\r\n.txt")).toBe("abc.txt");
  expect(safeFileName("Oferta łódź – <b>.pdf")).toBe("Oferta łódź – <b>.pdf");
  expect(safeFileName("..")).toBe("plik");
  expect(safeFileName("/")).toBe("plik");
  expect(safeFileName("\u0000")).toBe("plik");
  expect(safeFileName("x".repeat(300))).toHaveLength(255);
});
