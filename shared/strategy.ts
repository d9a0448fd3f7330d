/**
 * What the Verenigingsstrategie 2030 is and the steps of its process, as the
 * overview shows them. Text and dates are taken from the VNG's own page on the
 * Verenigingsstrategie 2030 and its discussion note (vng.nl); editors may move
 * a step to a later date, the planned date stays what the VNG published.
 */

export const STRATEGY_INTRO = [
  'Of het nu gaat om energie, klimaat, stikstof, woningnood of bestaanszekerheid: hoe komen we als overheid in de topvorm die nodig is om de grote transities te sturen, en welke rol past gemeenten daarin? De Verenigingsstrategie 2030 van de VNG analyseert wat daarvoor nodig is.',
  'De discussienotitie voor de Verenigingsstrategie 2030 bevat zeven voorstellen om gemeenten individueel en samen te versterken: meer samen optrekken, de onderlinge banden versterken en een scherpere focus kiezen. Centraal staat de omkering: met hun kennis van het dagelijks leven en de uitvoering nemen gemeenten – veel meer dan nu – het voortouw.',
  'Hier werken we de voorstellen samen uit. Werkgroepen schrijven de tekst, leden lezen mee, reageren en geven in een consultatieronde per passage het standpunt van hun organisatie. Over de definitieve verenigingsstrategie beslissen de leden in de Algemene Ledenvergadering (ALV).',
] as const

export const STRATEGY_SOURCE =
  'Bron: VNG, Verenigingsstrategie 2030 en de discussienotitie (vng.nl).'

export interface ProcessStep {
  id: string
  title: string
  /** The date the VNG published, `YYYY-MM-DD`. */
  planned: string
}

/** The process steps on hoofdlijnen, in order. */
export const PROCESS_STEPS: readonly ProcessStep[] = [
  {
    id: 'beeld',
    title:
      'Opstellen van een gedragen beeld van de uitdagingen die op ons afkomen en de vertaling daarvan naar scenario’s',
    planned: '2021-12-01',
  },
  {
    id: 'inzichten',
    title: 'Inventarisatie van aanvullende inzichten van planbureaus, data en onderzoeken',
    planned: '2022-04-01',
  },
  {
    id: 'bijeenkomsten',
    title:
      'Input en validering van de strategie en uitwerking van de opgaven door bijeenkomsten in elke regio, met de provinciale afdelingen',
    planned: '2022-09-01',
  },
  {
    id: 'alv',
    title:
      'De leden stemmen tijdens de ALV over de implementatie van de definitieve verenigingsstrategie',
    planned: '2023-06-14',
  },
]

/** What each status of a proposal means (H4), in plain words. */
export const STATUS_MEANINGS = {
  concept: 'De werkgroep schrijft nog aan de tekst. Iedereen met toegang kan meelezen en reageren.',
  consultatie:
    'Er loopt (of liep) een consultatieronde: organisaties geven per passage hun standpunt.',
  definitief: 'De tekst is klaar voor besluitvorming; wijzigingen gaan alleen nog via de redactie.',
  vastgesteld: 'De leden hebben besloten. De tekst ligt vast en verandert niet meer.',
} as const
