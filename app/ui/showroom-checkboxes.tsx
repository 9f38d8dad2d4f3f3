import type { FormState } from "@/lib/actions/form-state";
import { t } from "@/lib/i18n";

export type ShowroomChoice = { id: number; name: string; active: boolean };

/**
 * "Salony": a checkbox per showroom, named `showroomIds`, with the field's errors tied to the group.
 * `checked` are the ids ticked at first (after an error, what was submitted).
 */
export function ShowroomCheckboxes({
  idPrefix,
  showrooms,
  checked,
  state,
  legend = t.showrooms.memberships,
  required,
}: {
  idPrefix: string;
  showrooms: readonly ShowroomChoice[];
  checked: readonly number[];
  state: FormState;
  legend?: string;
  required?: boolean;
}) {
  const errors = state.fieldErrors?.showroomIds;
  const errorId = `${idPrefix}-showrooms-error`;
  return (
    <fieldset
      className={errors?.length ? "showroom-choices has-error" : "showroom-choices"}
      aria-describedby={errors?.length ? errorId : undefined}
    >
      <legend>
        {legend}
        {required ? (
          <span className="required" aria-hidden="true">
            *
          </span>
        ) : null}
      </legend>
      {showrooms.map((showroom) => {
        const id = `${idPrefix}-showroom-${showroom.id}`;
        return (
          <div className="field checkbox" key={showroom.id}>
            <input
              id={id}
              type="checkbox"
              name="showroomIds"
              value={showroom.id}
              defaultChecked={checked.includes(showroom.id)}
            />
            <label htmlFor={id}>
              {showroom.name}
              {showroom.active ? null : ` ${t.showrooms.inactiveMark}`}
            </label>
          </div>
        );
      })}
      {errors?.length ? (
        <p className="field-error" id={errorId}>
          {errors.join(" ")}
        </p>
      ) : null}
    </fieldset>
  );
}
