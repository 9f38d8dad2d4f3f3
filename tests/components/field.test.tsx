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
        {(describedBy, invalid) => (
          <input id="email" name="email" aria-describedby={describedBy} aria-invalid={invalid} />
        )}
      </Field>
    </form>,
  );
  const input = screen.getByLabelText(/E-mail/);
  expect(input).toHaveAttribute("aria-invalid", "true");
  expect(input).toHaveAccessibleDescription("Podaj poprawny adres e-mail.");
  expect(screen.getByRole("alert")).toHaveTextContent("Popraw zaznaczone pola.");
  expect(screen.getByText("*")).toBeInTheDocument();
});

test("a valid field has no error and no description", () => {
  render(
    <Field id="name" label="Imię" state={{ status: "idle" }}>
      {(describedBy) => <input id="name" aria-describedby={describedBy} />}
    </Field>,
  );
  expect(screen.getByLabelText("Imię")).not.toHaveAttribute("aria-describedby");
});
