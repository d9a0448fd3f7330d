import { useState } from 'react'
import { ApiError } from '../../lib/api.ts'
import { downloadFile } from './download.ts'
import { MEMORANDUM_FORMATS, roundsApi } from './roundsApi.ts'

/** "Reactienota downloaden" in Word, HTML and Markdown (R7). */
export function MemorandumLinks(props: { proposalId: string; roundId: string }) {
  const [message, setMessage] = useState('')
  const download = async (format: string) => {
    setMessage('De reactienota wordt gemaakt…')
    try {
      const path = roundsApi(props.proposalId).memorandumPath(props.roundId, format)
      const name = await downloadFile(path, `reactienota.${format}`)
      setMessage(`${name} is gedownload.`)
    } catch (failure) {
      setMessage(failure instanceof ApiError ? failure.message : 'Downloaden is niet gelukt.')
    }
  }
  return (
    <div className="memorandum-links">
      <h3 className="rounds__subtitle">Reactienota downloaden</h3>
      <div className="button-row">
        {MEMORANDUM_FORMATS.map(({ format, label }) => (
          <button
            key={format}
            type="button"
            className="button button--secondary"
            data-testid={`memorandum-${format}`}
            onClick={() => void download(format)}
          >
            {label}
          </button>
        ))}
      </div>
      <p role="status" className="muted">
        {message}
      </p>
    </div>
  )
}
