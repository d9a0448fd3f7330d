/**
 * An amendment's old and new text side by side. The words "Nu" and "Voorstel"
 * and the strike-through carry the meaning, not the colours alone.
 */
export function AmendmentCompare({ quote, replacement }: { quote: string; replacement: string }) {
  return (
    <div className="amendment">
      <div className="amendment__side">
        <p className="amendment__label">Nu</p>
        <del className="amendment__old">{quote}</del>
      </div>
      <div className="amendment__side">
        <p className="amendment__label">Voorstel</p>
        {replacement === '' ? (
          <p className="amendment__none">Deze tekst schrappen</p>
        ) : (
          <ins className="amendment__new">{replacement}</ins>
        )}
      </div>
    </div>
  )
}
