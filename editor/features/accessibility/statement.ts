/**
 * The facts of the accessibility statement, kept apart from its wording so the
 * VNG can bring them up to date after each examination: when it was drawn up,
 * whom to write to, how soon an answer comes, and by when the planned measures
 * are done.
 */
export const STATEMENT = {
  organisation: 'VNG',
  /** The day of the examination the statement reports on. */
  date: '4 december 2026',
  email: 'info@vng.nl',
  acknowledgeWithin: '5 werkdagen',
  answerWithin: '2 weken',
  /** By when the measures below are carried out. */
  plannedBy: '1 april 2027',
} as const

/** Something known not to meet the requirements (or not yet examined), and what is done about it. */
export interface KnownProblem {
  what: string
  measure: string
}

/** What does not work yet, in plain Dutch, as the model statement asks. */
export const KNOWN_PROBLEMS: readonly KnownProblem[] = [
  {
    what: 'Meeschrijven is nog niet getest met schermlezers (zoals NVDA, JAWS, VoiceOver en TalkBack) en niet in Firefox, Safari of Edge. Wat een schermlezer voorleest, is alleen nagegaan aan de opbouw van de pagina’s.',
    measure: `we testen vóór ${STATEMENT.plannedBy} met NVDA en VoiceOver, samen met mensen die dagelijks een schermlezer gebruiken.`,
  },
  {
    what: 'In de balkjes naast de tekst zijn de vier standpunten van een consultatieronde alleen aan hun kleur te herkennen (WCAG 1.4.1). De aantallen staan wel in woorden bij de passage, in het overzicht van de ronde en, voor schermlezers, bij elk balkje.',
    measure: `we geven de delen van de balkjes vóór ${STATEMENT.plannedBy} ook een eigen patroon.`,
  },
  {
    what: 'Als iemand anders de tekst wijzigt terwijl u leest, meldt Meeschrijven dat niet aan een schermlezer: de tekst verandert stil. Wie er meewerkt, staat wel in de lijst ‘Wie is hier’.',
    measure:
      'we zoeken uit hoe we wijzigingen van anderen kunnen melden zonder u bij het lezen te storen.',
  },
  {
    what: 'De bestanden die u kunt downloaden (Word, webpagina, Markdown en de reactienota) zijn niet op toegankelijkheid onderzocht. Een PDF die u via Afdrukken maakt, heeft geen toegankelijke opbouw.',
    measure: `we onderzoeken de Word-bestanden en de webpagina’s vóór ${STATEMENT.plannedBy}. Gebruik tot dan liever het Word-bestand of de webpagina dan een PDF.`,
  },
  {
    what: 'Of alles leesbaar blijft als u de afstand tussen regels, woorden en letters groter maakt (WCAG 1.4.12), is nog niet onderzocht.',
    measure: `de VNG laat Meeschrijven vóór ${STATEMENT.plannedBy} onafhankelijk onderzoeken volgens WCAG-EM, dit punt inbegrepen, en past deze verklaring daarna aan.`,
  },
]
