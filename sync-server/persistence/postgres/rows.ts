/**
 * Reading records kept whole in a `data` column: every store selects `data`.
 */

/** A query result whose rows carry a record in `data`. */
export type Rows<T> = { rows: Array<{ data: T }> }

/** Every row's record, in the order of the query. */
export const all = <T>({ rows }: Rows<T>): T[] => rows.map((row) => row.data)

/** The first row's record, or undefined. */
export const first = <T>({ rows }: Rows<T>): T | undefined => rows[0]?.data
