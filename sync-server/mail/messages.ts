/**
 * The words of each mail, in Dutch and addressing people as "u" (M2–M4).
 * Built from what was queued plus what is made when the mail is written: the
 * sign-in link, or the unsubscribe link.
 */
import type { Role } from '../../shared/roles.ts'
import type { MailBody } from './layout.ts'

const SIGNATURE = 'Met vriendelijke groet,\nVNG Verenigingsstrategie'

const WHAT_YOU_DO: Record<Role, string> = {
  reviewer:
    'U kunt de voorstellen lezen, erop reageren, wijzigingen voorstellen en in een consultatieronde het standpunt van uw organisatie geven.',
  writer: 'U schrijft mee aan de tekst van de voorstellen, samen met uw werkgroep.',
  editor: 'U bent lid van de VNG-redactie: u begeleidt de tekst en handelt reacties af.',
}

export interface InvitationData {
  name: string
  inviter: string | null
  role: Role
  /** Titles of the proposals, or '*' for all. */
  proposals: string[] | '*'
}

export function invitationMail(data: InvitationData, link: string): MailBody {
  const which =
    data.proposals === '*'
      ? 'alle voorstellen'
      : data.proposals.length === 1
        ? `het voorstel "${data.proposals[0]}"`
        : `de voorstellen ${data.proposals.map((title) => `"${title}"`).join(', ')}`
  const who = data.inviter ? `${data.inviter} van de VNG nodigt u uit` : 'De VNG nodigt u uit'
  return {
    subject: 'Uitnodiging: schrijf mee aan de Verenigingsstrategie 2030',
    blocks: [
      { p: `Beste ${data.name},` },
      {
        p: `${who} om mee te schrijven aan de Verenigingsstrategie 2030, in Meeschrijven. Het gaat om ${which}. ${WHAT_YOU_DO[data.role]}`,
      },
      { link: { href: link, label: 'Meld u aan met uw persoonlijke link' } },
      {
        p: 'Deze link is alleen voor u: stuur hem niet door. Werkt hij niet meer, of bent u hem kwijt? Vraag dan op de aanmeldpagina van Meeschrijven een nieuwe link aan met dit e-mailadres.',
      },
      { p: SIGNATURE },
    ],
  }
}

export function signInLinkMail(data: { name: string }, link: string): MailBody {
  return {
    subject: 'Uw nieuwe aanmeldlink voor Meeschrijven',
    blocks: [
      { p: `Beste ${data.name},` },
      { p: 'U (of de VNG-redactie) vroeg om een nieuwe link om u aan te melden bij Meeschrijven.' },
      { link: { href: link, label: 'Meld u aan met uw nieuwe link' } },
      {
        p: 'Hebt u hier niet om gevraagd? Dan kunt u deze e-mail negeren. Uw eerdere links blijven werken. Stuur deze link niet door: wie hem heeft, kan zich als u aanmelden.',
      },
      { p: SIGNATURE },
    ],
  }
}

export interface NotificationItem {
  text: string
  proposalId: string
}

export function notificationsMail(
  data: { name: string; items: NotificationItem[] },
  links: { base: string; unsubscribe: string },
): MailBody {
  const { items } = data
  const subject =
    items.length === 1
      ? `Meeschrijven: ${items[0]!.text}`.slice(0, 150)
      : `Meeschrijven: ${items.length} nieuwe meldingen`
  return {
    subject,
    blocks: [
      { p: `Beste ${data.name},` },
      {
        p:
          items.length === 1
            ? 'Er is iets gebeurd in Meeschrijven dat u aangaat:'
            : `Er zijn ${items.length} dingen gebeurd in Meeschrijven die u aangaan:`,
      },
      {
        list: items.map((item) => ({
          text: item.text,
          href: `${links.base}/#/voorstel/${encodeURIComponent(item.proposalId)}`,
        })),
      },
      { link: { href: `${links.base}/#/meldingen`, label: 'Bekijk al uw meldingen' } },
      { p: SIGNATURE },
      {
        small:
          'U krijgt hoogstens één e-mail per kwartier; wat daartussen gebeurt, komt in de volgende. Op de pagina Meldingen kiest u welke meldingen u per e-mail krijgt.',
      },
      { link: { href: links.unsubscribe, label: 'Geen meldingen meer per e-mail (afmelden)' } },
    ],
  }
}
