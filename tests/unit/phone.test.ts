import { formatPhone, normalizePhone } from "@/lib/customers/phone";

describe("normalizePhone", () => {
  test.each([
    ["600 123 456", "+48600123456"],
    ["600-123-456", "+48600123456"],
    ["+48 600 123 456", "+48600123456"],
    ["+48600123456", "+48600123456"],
    ["0048 600 123 456", "+48600123456"],
    ["48 600123456", "+48600123456"],
    [" (22) 123 45 67 ", "+48221234567"],
    ["+49 30 1234567", "+49301234567"],
  ])("%s → %s", (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });

  test.each(["", "abc", "123", "600 123", "+48 999 999 999", "600 123 456 789 12"])("rejects %p", (input) => {
    expect(normalizePhone(input)).toBeNull();
  });

  test("formats E.164 for display", () => {
    expect(formatPhone("+48600123456")).toBe("+48 600 123 456");
  });
});
