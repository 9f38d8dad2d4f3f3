import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { FormState } from "@/lib/actions/form-state";
import { TaskForm } from "@/app/(crm)/procesy/[id]/_task-form/task-form";

const noAction = async (state: FormState) => state;
const SUBMISSION = "s".repeat(20);
const defaults = { date: "2026-12-03", time: "11:00" };

/** The control of a label, required ones included (their asterisk is part of the label's text). */
function byLabel(label: string) {
  return screen.getByLabelText(new RegExp(`^${label}\\*?$`));
}

/** Whether a field is hidden from the user: inside an element with the `hidden` attribute, no stylesheet needed. */
function hidden(label: string) {
  return byLabel(label).closest("[hidden]") !== null;
}

test("'Cały dzień' hides the start time and the end at once, and brings them back with their values", async () => {
  const user = userEvent.setup();
  render(<TaskForm action={noAction} submissionId={SUBMISSION} defaults={defaults} />);
  expect(byLabel("Godzina rozpoczęcia")).toHaveValue("11:00");
  await user.type(byLabel("Godzina zakończenia"), "12:30");
  for (const label of ["Godzina rozpoczęcia", "Data zakończenia", "Godzina zakończenia"])
    expect(hidden(label)).toBe(false);

  await user.click(byLabel("Cały dzień"));
  for (const label of ["Godzina rozpoczęcia", "Data zakończenia", "Godzina zakończenia"])
    expect(hidden(label)).toBe(true);
  expect(hidden("Data rozpoczęcia")).toBe(false);

  await user.click(byLabel("Cały dzień"));
  for (const label of ["Godzina rozpoczęcia", "Data zakończenia", "Godzina zakończenia"])
    expect(hidden(label)).toBe(false);
  expect(byLabel("Godzina zakończenia")).toHaveValue("12:30");
});

test("every field of the source document is there, required ones with an asterisk", () => {
  const { container } = render(<TaskForm action={noAction} submissionId={SUBMISSION} defaults={defaults} />);
  const required = [
    "Inicjatywa",
    "Rodzaj notatki",
    "Treść notatki",
    "Cel aktywności",
    "Data rozpoczęcia",
    "Godzina rozpoczęcia",
  ];
  const optional = [
    "Powiadom właściciela procesu",
    "Przypomnij o",
    "Cały dzień",
    "Data zakończenia",
    "Godzina zakończenia",
    "Dodaj plik",
  ];
  for (const label of [...required, ...optional]) expect(byLabel(label)).toBeInTheDocument();
  for (const label of required)
    expect(container.querySelector(`label[for="${byLabel(label).id}"] .required`)).not.toBeNull();
  for (const label of optional)
    expect(container.querySelector(`label[for="${byLabel(label).id}"] .required`)).toBeNull();
  // The asterisk is hidden from screen readers; aria-required tells them instead.
  for (const label of required) expect(byLabel(label)).toHaveAttribute("aria-required", "true");
  for (const label of optional) expect(byLabel(label)).not.toHaveAttribute("aria-required");
  expect(screen.getByRole("button", { name: "Zapisz" })).toBeInTheDocument();
  // Files never go through the server action.
  expect(byLabel("Dodaj plik")).not.toHaveAttribute("name");
  expect(screen.queryByLabelText(/Nie planuj kolejnych zadań/)).toBeNull();
});

test("'Nie planuj kolejnych zadań' is offered only when asked; ticked, the whole task part, 'Cały dzień' included, is gone", async () => {
  const user = userEvent.setup();
  render(<TaskForm action={noAction} submissionId={SUBMISSION} defaults={defaults} canSkipNextTask />);
  const taskControls = () => [
    screen.queryByRole("combobox", { name: "Cel aktywności" }),
    screen.queryByRole("textbox", { name: "Przypomnij o" }),
    screen.queryByRole("checkbox", { name: "Cały dzień" }),
    screen.queryByRole("group", { name: "Kolejne zadanie" }),
  ];
  expect(taskControls().every(Boolean)).toBe(true);
  await user.click(screen.getByRole("checkbox", { name: "Nie planuj kolejnych zadań" }));
  expect(taskControls()).toEqual([null, null, null, null]);
  expect(screen.getByTestId("task-part")).not.toBeVisible();
  // The note stays.
  expect(screen.getByRole("textbox", { name: "Treść notatki" })).toBeVisible();
  await user.click(screen.getByRole("checkbox", { name: "Nie planuj kolejnych zadań" }));
  expect(taskControls().every(Boolean)).toBe(true);
});

test("after a validation error the first render reflects 'Cały dzień', keeps what was typed and shows the errors", async () => {
  const user = userEvent.setup();
  const failing = async (): Promise<FormState> => ({
    status: "error",
    message: "Popraw zaznaczone pola.",
    fieldErrors: { goal: ["To pole jest wymagane."] },
    values: {
      allDay: "on",
      content: "Rozmowa o leasingu",
      startDate: "2026-12-05",
      fileTokens: ["tok1"],
      fileNames: ["Oferta łódź.pdf"],
    },
    at: 1,
  });
  render(<TaskForm action={failing} submissionId={SUBMISSION} defaults={defaults} />);
  await user.click(screen.getByRole("button", { name: "Zapisz" }));
  await screen.findByText("Popraw zaznaczone pola.");
  expect(byLabel("Cały dzień")).toBeChecked();
  expect(hidden("Godzina rozpoczęcia")).toBe(true);
  expect(byLabel("Treść notatki")).toHaveValue("Rozmowa o leasingu");
  expect(byLabel("Data rozpoczęcia")).toHaveValue("2026-12-05");
  expect(byLabel("Cel aktywności")).toHaveAccessibleDescription("To pole jest wymagane.");
  expect(screen.getByText("Oferta łódź.pdf")).toBeInTheDocument();
  expect(document.querySelector('input[name="fileTokens"]')).toHaveValue("tok1");
});

test("'Zapisz' waits while chosen files are still uploading", async () => {
  // The browser's XMLHttpRequest, held open until the test answers it.
  const requests: { onload?: () => void; status: number; response: unknown }[] = [];
  class HeldRequest {
    upload = {} as { onprogress?: (event: ProgressEvent) => void };
    status = 0;
    response: unknown = null;
    responseType = "";
    onload?: () => void;
    onerror?: () => void;
    open() {}
    send() {
      requests.push(this);
    }
  }
  const original = window.XMLHttpRequest;
  window.XMLHttpRequest = HeldRequest as unknown as typeof XMLHttpRequest;
  try {
    const user = userEvent.setup();
    render(<TaskForm action={noAction} submissionId={SUBMISSION} defaults={defaults} />);
    const save = screen.getByRole("button", { name: "Zapisz" });
    expect(save).toBeEnabled();
    await user.upload(byLabel("Dodaj plik"), new File(["%PDF-1.4"], "oferta.pdf", { type: "application/pdf" }));
    expect(requests).toHaveLength(1);
    expect(save).toBeDisabled();
    const [request] = requests;
    request.status = 200;
    request.response = { files: [{ token: "t".repeat(32), name: "oferta.pdf" }] };
    await act(async () => request.onload?.());
    expect(save).toBeEnabled();
    expect(screen.getByText("oferta.pdf")).toBeInTheDocument();
  } finally {
    window.XMLHttpRequest = original;
  }
});

test("'Samochód demo' shows only for 'Jazda próbna' once the form runs in the browser", async () => {
  const user = userEvent.setup();
  const fleet = { cars: [{ id: 7, label: "Škoda Octavia Style (WX1234A)" }], freeCarsUrl: "/api/flota/wolne?proces=1" };
  render(<TaskForm action={noAction} submissionId={SUBMISSION} defaults={defaults} fleet={fleet} />);
  expect(hidden("Samochód demo")).toBe(true);
  await user.selectOptions(byLabel("Cel aktywności"), "Jazda próbna");
  expect(hidden("Samochód demo")).toBe(false);
  expect(byLabel("Samochód demo")).toHaveTextContent("Škoda Octavia Style (WX1234A)");
  await user.selectOptions(byLabel("Cel aktywności"), "Negocjacje");
  expect(hidden("Samochód demo")).toBe(true);
});
