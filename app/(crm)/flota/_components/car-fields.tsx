import { Field } from "@/app/ui/field";
import { valueOf, type FormState } from "@/lib/actions/form-state";
import { t } from "@/lib/i18n";

export type CarValues = {
  showroomId: string;
  make: string;
  model: string;
  version: string;
  registration: string;
  vin: string;
};

const fl = t.fleet;

/** "Salon", "Marka", "Model", "Wersja", "Numer rejestracyjny", "VIN": to add a car and to change one. */
export function CarFields({
  idPrefix,
  state,
  showrooms,
  defaults,
}: {
  idPrefix: string;
  state: FormState;
  showrooms: { id: number; name: string }[];
  defaults: CarValues;
}) {
  const value = (name: keyof CarValues) => (state.status === "error" ? valueOf(state, name) : defaults[name]);
  const text = (name: Exclude<keyof CarValues, "showroomId">, label: string, required: boolean, maxLength: number) => (
    <Field id={`${idPrefix}-${name}`} name={name} label={label} required={required} state={state}>
      {(control) => (
        <input {...control} name={name} autoComplete="off" maxLength={maxLength} defaultValue={value(name)} />
      )}
    </Field>
  );
  return (
    <div className="grid-3">
      <Field id={`${idPrefix}-showroomId`} name="showroomId" label={fl.showroom} required state={state}>
        {(control) => (
          <select {...control} name="showroomId" defaultValue={value("showroomId")}>
            {showrooms.map((showroom) => (
              <option key={showroom.id} value={showroom.id}>
                {showroom.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      {text("make", fl.make, true, 40)}
      {text("model", fl.model, true, 60)}
      {text("version", fl.version, false, 80)}
      {text("registration", fl.registration, true, 20)}
      {text("vin", fl.vin, true, 40)}
    </div>
  );
}
