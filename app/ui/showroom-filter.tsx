import { t } from "@/lib/i18n";

/** "Salon" of a GET filter form (`salon`): the showrooms the user may filter by, or all of them. */
export function ShowroomFilter({
  id,
  showrooms,
  value,
  inline,
}: {
  id: string;
  showrooms: readonly { id: number; name: string; active: boolean }[];
  value: number | undefined;
  /** In an inline form: the label and the select side by side, without a field of their own. */
  inline?: boolean;
}) {
  const s = t.showrooms;
  const control = (
    <>
      <label htmlFor={id}>{s.showroom}</label>
      <select id={id} name="salon" defaultValue={value === undefined ? "" : String(value)}>
        <option value="">{s.allShowrooms}</option>
        {showrooms.map((showroom) => (
          <option key={showroom.id} value={showroom.id}>
            {showroom.active ? showroom.name : `${showroom.name} ${s.inactiveMark}`}
          </option>
        ))}
      </select>
    </>
  );
  return inline ? control : <div className="field">{control}</div>;
}
