/**
 * What a start prints about the administrator's sign-in (contract P3). The
 * link holds a token, so it goes to a terminal only — where a person reads it —
 * and never into output that is collected with the logs (a service manager, a
 * container): there only the file that holds it is named.
 */
import type { AdminBootstrap } from './firstStart.ts'

/** @param isTTY whether standard output is a terminal (`process.stdout.isTTY`) */
export function adminNotice(admin: AdminBootstrap, isTTY: boolean): string[] {
  if (admin.kind === 'environment') return []
  if (admin.kind === 'existing') return [`Uw aanmeldlink staat in ${admin.file}`]
  if (!isTTY) return [`Beheerder aangemaakt. Uw aanmeldlink staat in ${admin.file}`]
  return [
    `Beheerder aangemaakt. Meld u aan via: ${admin.link}`,
    `(Deze link wordt niet opnieuw getoond; u vindt hem ook in ${admin.file}.)`,
  ]
}
