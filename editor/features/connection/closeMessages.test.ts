import { describe, expect, it } from 'vitest'
import { CloseCode } from '../../../shared/protocol.ts'
import { refusalForCloseCode, refusalForEvent } from './closeMessages.ts'

describe('close codes in Dutch', () => {
  it('[A4] every refusal code has its own message and next step', () => {
    const titles = new Set<string>()
    for (const { code } of Object.values(CloseCode)) {
      const refusal = refusalForCloseCode(code)
      expect(refusal.text.length).toBeGreaterThan(20)
      titles.add(refusal.title)
    }
    expect(titles.size).toBe(Object.keys(CloseCode).length)
    expect(refusalForCloseCode(4401).next).toBe('signIn')
    expect(refusalForCloseCode(4403).text).toContain('VNG-redactie')
    expect(refusalForCloseCode(4404).next).toBe('overview')
    expect(refusalForCloseCode(4413).next).toBe('reloadText')
    expect(refusalForCloseCode(4429).next).toBe('reconnect')
  })

  it('[S9][A7] a 4400 for an invalid document or bad presence says what happened', () => {
    expect(refusalForCloseCode(4400, false, 'invalid_document').text).toContain('niet opgeslagen')
    expect(refusalForCloseCode(4400, false, 'bad_presence').next).toBe('reloadPage')
    expect(refusalForCloseCode(4400, false, 'undecodable')).toEqual(refusalForCloseCode(4400))
  })

  it('[S5] a 4403 on a frozen text says the text is fixed', () => {
    expect(refusalForCloseCode(4403, true).title).toBe('De tekst is vastgesteld')
  })

  it('[S5] a refused update is explained and offers to reload the text', () => {
    const refusal = refusalForEvent('frozen')
    expect(refusal.text).toContain('vastgesteld')
    expect(refusal.next).toBe('reloadText')
    expect(refusalForEvent(undefined).title).toBe('Uw wijziging is niet opgeslagen')
  })
})
