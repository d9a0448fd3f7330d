import { CloseCode, CloseReason } from '../../../shared/protocol.ts'

/** What the person can do about a refusal; the page offers it as a button or link. */
export type NextStep = 'signIn' | 'overview' | 'reloadText' | 'reconnect' | 'reloadPage'

/** A refusal in plain Dutch, with the one step that helps. */
export interface Refusal {
  title: string
  text: string
  next: NextStep
}

const REFUSALS: Record<number, Refusal> = {
  [CloseCode.badRequest.code]: {
    title: 'De verbinding is verbroken',
    text: 'De server begreep een bericht van deze browser niet. Laad de tekst opnieuw. Gebeurt dit vaker? Meld het dan bij de VNG-redactie.',
    next: 'reloadText',
  },
  [CloseCode.unauthorized.code]: {
    title: 'U bent afgemeld',
    text: 'Uw link is niet (meer) geldig of uw toegang is ingetrokken. Vraag de VNG-redactie om een nieuwe uitnodiging.',
    next: 'signIn',
  },
  [CloseCode.forbidden.code]: {
    title: 'Geen toegang tot dit voorstel',
    text: 'U mag dit voorstel niet openen of niet wijzigen. Vraag de VNG-redactie om toegang als u denkt dat dit niet klopt.',
    next: 'overview',
  },
  [CloseCode.notFound.code]: {
    title: 'Dit voorstel bestaat niet',
    text: 'Misschien is de link verkeerd overgenomen, of is het voorstel verwijderd. Kies een voorstel uit het overzicht.',
    next: 'overview',
  },
  [CloseCode.tooLarge.code]: {
    title: 'Uw wijziging was te groot',
    text: 'De laatste wijziging (bijvoorbeeld een heel groot geplakt stuk) is te groot om te versturen en is niet opgeslagen. Laad de tekst opnieuw en plak kleinere stukken.',
    next: 'reloadText',
  },
  [CloseCode.tooMany.code]: {
    title: 'Te veel verbindingen tegelijk',
    text: 'U hebt dit voorstel in te veel tabbladen of vensters open. Sluit de andere tabbladen en verbind opnieuw.',
    next: 'reconnect',
  },
}

/** Refusals a reason explains better than its code. */
const BY_REASON: Record<string, Refusal> = {
  [CloseReason.invalidDocument]: {
    title: 'Uw wijziging is niet opgeslagen',
    text: 'Uw laatste wijziging paste niet in de opbouw van de tekst (bijvoorbeeld iets dat uit een ander programma is geplakt) en is niet opgeslagen. Laad de tekst opnieuw om verder te gaan. Gebeurt dit vaker? Meld het dan bij de VNG-redactie.',
    next: 'reloadText',
  },
  [CloseReason.badPresence]: {
    title: 'De verbinding is verbroken',
    text: 'Deze browser stuurde herhaaldelijk onjuiste gegevens over uw plek in de tekst. Laad de pagina opnieuw. Gebeurt dit vaker? Meld het dan bij de VNG-redactie.',
    next: 'reloadPage',
  },
}

const UNKNOWN: Refusal = {
  title: 'De verbinding is verbroken',
  text: 'De server heeft de verbinding gesloten. Laad de pagina opnieuw.',
  next: 'reloadPage',
}

/**
 * The Dutch message for a close code of the sync socket (A4). The editor shows
 * it instead of reconnecting: y-websocket itself stops on 4400–4499.
 * @param frozen true when the proposal is `vastgesteld`: a 4403 then means the text is frozen (S5)
 * @param reason the close reason, when it says more than the code (S9, A7)
 */
export function refusalForCloseCode(code: number, frozen = false, reason = ''): Refusal {
  if (code === CloseCode.badRequest.code && Object.hasOwn(BY_REASON, reason))
    return BY_REASON[reason] as Refusal
  if (code === CloseCode.forbidden.code && reason === CloseReason.readOnly) {
    return {
      title: 'U mag de tekst niet meer wijzigen',
      text: 'Uw rol is gewijzigd terwijl u schreef. Uw laatste wijziging is niet opgeslagen; de tekst wordt opnieuw geladen zoals die is opgeslagen.',
      next: 'reloadText',
    }
  }
  if (code === CloseCode.forbidden.code && frozen) {
    return {
      title: 'De tekst is vastgesteld',
      text: 'Deze tekst kan niet meer worden gewijzigd. Uw laatste wijziging is niet opgeslagen.',
      next: 'reloadText',
    }
  }
  return REFUSALS[code] ?? UNKNOWN
}

const REFUSED_REASONS: Record<string, string> = {
  frozen: 'De tekst is vastgesteld en kan niet meer worden gewijzigd.',
  forbidden: 'U mag deze tekst niet wijzigen.',
  role: 'U mag deze tekst niet wijzigen.',
  too_large: 'De wijziging was te groot.',
  payload_too_large: 'De wijziging was te groot.',
  document_too_large: 'De tekst is te lang geworden; de server neemt niets meer aan.',
}

/** The refusal for an E1 `refused` event (S5); `reason` is the server's stable code. */
export function refusalForEvent(reason: unknown): Refusal {
  const why = (typeof reason === 'string' && REFUSED_REASONS[reason]) || ''
  return {
    title: 'Uw wijziging is niet opgeslagen',
    text: `${why ? `${why} ` : ''}De server heeft uw laatste wijziging geweigerd. Laad de tekst opnieuw om verder te gaan met de tekst zoals die is opgeslagen.`,
    next: 'reloadText',
  }
}
