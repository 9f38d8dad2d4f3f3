import { Field } from "@/app/ui/field";
import { valueOf, type FormState } from "@/lib/actions/form-state";
import { t } from "@/lib/i18n";

/** "Nazwa", "Adres", "Telefon": the same three fields to add a showroom and to change one. */
export function ShowroomFields({
  idPrefix,
  state,
  defaults = { name: "", address: "", phone: "" },
}: {
  idPrefix: string;
  state: FormState;
  defaults?: { name: string; address: string; phone: string };
}) {
  const s = t.showrooms;
  const field = (name: keyof typeof defaults, label: string, required: boolean, type = "text") => {
    const id = `${idPrefix}-${name}`;
    return (
      <Field id={id} name={name} label={label} required={required} state={state}>
        {(control) => (
          <input
            {...control}
            name={name}
            type={type}
            autoComplete="off"
            inputMode={type === "tel" ? "tel" : undefined}
            defaultValue={state.status === "error" ? valueOf(state, name) : defaults[name]}
          />
        )}
      </Field>
    );
  };
  return (
    <div className="grid-3">
      {field("name", s.name, true)}
      {field("address", s.address, false)}
      {field("phone", s.phone, false, "tel")}
    </div>
  );
}
