import type { PersonRow } from './personRow.ts'

/** The first step of anonymising (AVG): opens the dialog that says what will happen. */
export function AnonymiseButton(props: {
  person: PersonRow
  onAnonymise: (person: PersonRow) => void
}) {
  return (
    <button
      type="button"
      className="button button--secondary"
      onClick={() => props.onAnonymise(props.person)}
    >
      Anonimiseren
      <span className="visually-hidden"> van {props.person.name}</span>
    </button>
  )
}
