import { formInput, formValues } from "@/lib/actions/action";
import { valueOf, valuesOf } from "@/lib/actions/form-state";

test("submitted values come back for the form to refill, never the password", () => {
  const data = new FormData();
  data.append("name", "Jan");
  data.append("password", "tajne");
  data.append("fileTokens", "a");
  data.append("fileTokens", "b");
  data.append("$ACTION_ID_123", "");
  const values = formValues(data);
  expect(values).toEqual({ name: "Jan", fileTokens: ["a", "b"] });
  const state = { status: "error" as const, values };
  expect(valueOf(state, "name")).toBe("Jan");
  expect(valueOf(state, "missing", "domyślna")).toBe("domyślna");
  expect(valuesOf(state, "fileTokens")).toEqual(["a", "b"]);
});

test("zod gets single fields as strings and listed fields as arrays", () => {
  const data = new FormData();
  data.append("a", "1");
  data.append("a", "2");
  data.append("tags", "x");
  expect(formInput(data, ["tags", "empty"])).toEqual({ a: "2", tags: ["x"], empty: [] });
});

test("fields named like Object's own properties are echoed as plain strings, not Object's members", () => {
  const data = new FormData();
  data.append("constructor", "x");
  data.append("__proto__", "y");
  data.append("toString", "z");
  const values = formValues(data);
  expect(Object.getPrototypeOf(values)).toBe(Object.prototype);
  expect(Object.entries(values)).toEqual([
    ["constructor", "x"],
    ["__proto__", "y"],
    ["toString", "z"],
  ]);
});
