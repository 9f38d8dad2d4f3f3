import { Field } from "@/app/ui/field";
import { valueOf, type FormState } from "@/lib/actions/form-state";
import { t } from "@/lib/i18n";

type ShowroomDefaults = { name: string; address: string; phone: string; opensAt: string; closesAt: string };

/** A new showroom's working day starts as the database's default one. */
const NEW_SHOWROOM: ShowroomDefaults = { name: "", address: "", phone: "", opensAt: "08:00", closesAt: "18:00" };

/** "Nazwa", "Adres", "Telefon" and the working hours: the same fields to add a showroom and to change one. */
export function ShowroomFields({
  idPrefix,
  state,
  defaults = NEW_SHOWROOM,
}: {
  idPrefix: string;
  state: FormState;
  defaults?: ShowroomDefaults;
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
            step={type === "time" ? 60 : undefined}
            inputMode={type === "tel" ? "tel" : undefined}
            defaultValue={state.status === "error" ? valueOf(state, name) : defaults[name]}
          />
        )}
      </Field>
    );
  };
  return (
    <>
      <div className="grid-3">
        {field("name", s.name, true)}
        {field("address", s.address, false)}
        {field("phone", s.phone, false, "tel")}
      </div>
      <div className="grid-2">
        {field("opensAt", s.opensAt, true, "time")}
        {field("closesAt", s.closesAt, true, "time")}
      </div>
    </>
  );
}
