import { STRATEGY_INTRO, STRATEGY_SOURCE } from '../../../shared/strategy.ts'

/** What the Verenigingsstrategie 2030 is, in the VNG's own words. */
export function StrategyIntro() {
  return (
    <section className="stack overview-intro" aria-labelledby="strategy-title">
      <h2 id="strategy-title">Wat is de Verenigingsstrategie 2030?</h2>
      {STRATEGY_INTRO.map((paragraph) => (
        <p key={paragraph.slice(0, 24)}>{paragraph}</p>
      ))}
      <p className="muted">{STRATEGY_SOURCE}</p>
    </section>
  )
}
