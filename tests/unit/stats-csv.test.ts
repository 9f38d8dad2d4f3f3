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
