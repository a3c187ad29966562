import { minorToMajorString } from '#app/utils/money.ts'

/*
 * CSV exports as column specs: each column is one header and one value
 * function, so a header and its value cannot fall out of step. Files are
 * produced row by row, so an export of any size streams in constant memory.
 */

/** An amount we formatted ourselves: a number, so never treated as a possible formula. */
export type Decimal = { decimal: string }
export type CsvValue = string | number | boolean | Date | null | undefined | Decimal

export const decimal = (amountMinor: number, currency: string): Decimal => ({
	decimal: minorToMajorString(Number(amountMinor), currency),
})

export type CsvColumn<Row> = { header: string; value: (row: Row) => CsvValue }

/**
 * One CSV field (RFC 4180). Text from people that starts like a formula
 * (= + - @, or a tab or carriage return) gets a leading apostrophe, so a
 * spreadsheet shows it instead of running it.
 */
export function csvCell(value: CsvValue): string {
	let text: string
	if (value === null || value === undefined) text = ''
	else if (value instanceof Date) text = value.toISOString()
	else if (typeof value === 'boolean') text = value ? 'true' : 'false'
	else if (typeof value === 'number') text = String(value)
	else if (typeof value === 'object') text = value.decimal
	else text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
	return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** The header line, CRLF-terminated as RFC 4180 asks. */
export function csvHeaderLine<Row>(columns: readonly CsvColumn<Row>[]): string {
	return columns.map((column) => csvCell(column.header)).join(',') + '\r\n'
}

/** One record's line, CRLF-terminated. */
export function csvLine<Row>(columns: readonly CsvColumn<Row>[], row: Row): string {
	return columns.map((column) => csvCell(column.value(row))).join(',') + '\r\n'
}

/**
 * A whole CSV document as text chunks: the header, then one chunk per batch
 * of rows. Stops between batches once `signal` is aborted (the client went
 * away); the batches' own reading should stop with it (`keysetPages`).
 */
export async function* csvChunks<Row>(
	columns: readonly CsvColumn<Row>[],
	batches: AsyncIterable<Row[]>,
	signal?: AbortSignal,
): AsyncGenerator<string> {
	yield csvHeaderLine(columns)
	for await (const batch of batches) {
		if (signal?.aborted) return
		let chunk = ''
		for (const row of batch) chunk += csvLine(columns, row)
		yield chunk
	}
}

/** The document as one string (for small exports and tests). */
export async function csvText<Row>(columns: readonly CsvColumn<Row>[], batches: AsyncIterable<Row[]>) {
	let text = ''
	for await (const chunk of csvChunks(columns, batches)) text += chunk
	return text
}

/**
 * Reads a table in keyset pages of `size` rows: `page(after)` returns the rows
 * following the last row of the previous page (undefined for the first).
 * Each page is one short, indexed query, so memory stays flat, no connection
 * is held between pages and the per-statement timeout applies to each. The
 * first page is small (`firstSize`), so a download starts after one quick
 * query however large the table is. Once `signal` aborts no page is asked
 * for, and a page that fails after it (its query cancelled) ends the pages.
 */
export async function* keysetPages<Row>(
	page: (after: Row | undefined, size: number) => Promise<Row[]>,
	options: { size?: number; firstSize?: number; signal?: AbortSignal } = {},
): AsyncGenerator<Row[]> {
	const { size = 2000, signal } = options
	let after: Row | undefined
	for (let asked = options.firstSize ?? Math.min(100, size); !signal?.aborted; asked = size) {
		let rows: Row[]
		try {
			rows = await page(after, asked)
		} catch (error) {
			if (signal?.aborted) return
			throw error
		}
		if (rows.length > 0) yield rows
		if (rows.length < asked) return
		after = rows.at(-1)
	}
}
