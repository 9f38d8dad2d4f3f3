import { toCsv } from "@/lib/stats/csv";

test("CSV for a Polish Excel: BOM, ';', CRLF, decimal commas, quoted cells that need it", () => {
  const csv = toCsv(
    ["Powód rezygnacji", "Udział (%)"],
    [
      ["Za drogo; za daleko", 33.3],
      ['Żółty "kolor"', 12],
      ["", null],
    ],
  );
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  expect(csv.slice(1)).toBe(
    'Powód rezygnacji;Udział (%)\r\n"Za drogo; za daleko";33,3\r\n"Żółty ""kolor""";12\r\n;\r\n',
  );
});

test("a cell that Excel would run as a formula is escaped, whatever its first character; numbers stay numbers", () => {
  const prefixes = ["=", "+", "-", "@", "\t", "\r"];
  const csv = toCsv(
    ["Klient", "Zmiana"],
    [...prefixes.map((prefix) => [`${prefix}HYPERLINK("http://x.test")`, -2.5]), ["Jan=Kowalski-Nowak", 0]],
  );
  const lines = csv.slice(1).split("\r\n");
  expect(lines[1]).toBe(`"'=HYPERLINK(""http://x.test"")";-2,5`);
  expect(lines[2]).toBe(`"'+HYPERLINK(""http://x.test"")";-2,5`);
  expect(lines[3]).toBe(`"'-HYPERLINK(""http://x.test"")";-2,5`);
  expect(lines[4]).toBe(`"'@HYPERLINK(""http://x.test"")";-2,5`);
  expect(lines[5]).toBe(`"'\tHYPERLINK(""http://x.test"")";-2,5`);
  expect(lines[6]).toBe(`"'\rHYPERLINK(""http://x.test"")";-2,5`);
  // Only the first character counts.
  expect(lines[7]).toBe("Jan=Kowalski-Nowak;0");
});
