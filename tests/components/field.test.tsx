import { render, screen } from "@testing-library/react";
import { Field, FormMessage } from "@/app/ui/field";

test("a field's errors are shown next to it and tied to it for screen readers", () => {
  const state = {
    status: "error" as const,
    message: "Popraw zaznaczone pola.",
    fieldErrors: { email: ["Podaj poprawny adres e-mail."] },
  };
  render(
    <form>
      <FormMessage state={state} />
      <Field id="email" label="E-mail" required state={state}>
        {(control) => <input {...control} name="email" />}
      </Field>
    </form>,
  );
  const input = screen.getByLabelText(/E-mail/);
  expect(input).toHaveAttribute("aria-invalid", "true");
  expect(input).toHaveAccessibleDescription("Podaj poprawny adres e-mail.");
  expect(screen.getByRole("alert")).toHaveTextContent("Popraw zaznaczone pola.");
  expect(screen.getByText("*")).toBeInTheDocument();
});

test("a required field tells screen readers so (its asterisk is hidden from them); an optional one does not", () => {
  render(
    <form>
      <Field id="last-name" label="Nazwisko" required>
        {(control) => <input {...control} name="lastName" />}
      </Field>
      <Field id="notes" label="Uwagi">
        {(control) => <textarea {...control} name="notes" />}
      </Field>
    </form>,
  );
  // The accessible name leaves the asterisk out: a screen reader hears "Nazwisko, required".
  const required = screen.getByRole("textbox", { name: "Nazwisko" });
  expect(required).toHaveAttribute("aria-required", "true");
  expect(required).toBeRequired();
  expect(screen.getByRole("textbox", { name: "Uwagi" })).not.toBeRequired();
});

test("a valid field has no error and no description", () => {
  render(
    <Field id="name" label="Imię" state={{ status: "idle" }}>
      {(control) => <input {...control} />}
    </Field>,
  );
  expect(screen.getByLabelText("Imię")).not.toHaveAttribute("aria-describedby");
});
