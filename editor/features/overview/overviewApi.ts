/** What the overview reads besides the proposals: `GET /api/overview` and `GET /api/for-you`. */

export interface TimelineStep {
  id: string
  title: string
  /** The date the VNG published, `YYYY-MM-DD`. */
  planned: string
  /** The date it is planned for now (editors may move it later). */
  date: string
}

export interface OverviewTexts {
  timeline: TimelineStep[]
  descriptions: Record<string, string>
}

export interface ForYouAnswer {
  rounds: Array<{
    proposalId: string
    proposalTitle: string
    roundId: string
    title: string
    closesAt: string
    answered: number
    total: number
  }>
  threads: Array<{
    proposalId: string
    proposalTitle: string
    threadId: string
    quote: string
    lastBy: { name: string } | null
    lastAt: string
  }>
}
