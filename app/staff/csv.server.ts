import { Buffer } from 'node:buffer'
import { minorToMajorString } from '#app/utils/money.ts'
import { createSlots } from '#app/utils/slots.ts'

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
 * One keyset page of an export: hands each row to `onRow` as it arrives, in
 * the file's order, following `after`, the last row of the previous page
 * (undefined for the first); at most `size` rows. Each page is one short,
 * indexed query (`eachRow`), so no connection is held between pages and the
 * per-statement timeout applies to each.
 */
export type KeysetPage<Row> = (after: Row | undefined, size: number, onRow: (row: Row) => void) => Promise<void>

/**
 * The continuation pages of every export in this process take turns, one at
 * a time: sixteen staff members starting large exports at once otherwise
 * kept the pool's connections and both cores busy with pages 2, 3, 4… that
 * no client was waiting for yet, and each new download's first rows (and
 * every other page of the site) waited behind them. A first page never
 * waits here, so a download starts at once however many others are running;
 * a single export is as fast as before (it reads one page at a time anyway).
 */
const continuationPages = createSlots(1)

/** How many export pages wait for their turn now (for tests and diagnostics). */
export const exportPagesQueued = () => continuationPages.queued

const chunkBytes = 64 * 1024

/**
 * Text written as UTF-8 into buffers of 64 KiB, handed out as they fill:
 * a page's text never exists as one long string (500 KB of string kept for
 * the length of a page, and a copy when it was encoded).
 */
function utf8Chunks() {
	const filled: Uint8Array[] = []
	let buffer = Buffer.allocUnsafe(chunkBytes)
	let used = 0
	return {
		write(text: string) {
			// UTF-8 takes at most 3 bytes for each UTF-16 code unit.
			if (used + text.length * 3 > buffer.length) {
				if (used > 0) filled.push(buffer.subarray(0, used))
				buffer = Buffer.allocUnsafe(Math.max(chunkBytes, text.length * 3))
				used = 0
			}
			used += buffer.write(text, used)
		},
		/** Every byte written so far, in chunks; the next write starts a fresh buffer. */
		take(): Uint8Array[] {
			if (used > 0) {
				filled.push(buffer.subarray(0, used))
				buffer = Buffer.allocUnsafe(chunkBytes)
				used = 0
			}
			return filled.splice(0)
		},
	}
}

/**
 * A whole CSV document as UTF-8 chunks: the header, then the rows of keyset
 * pages of `size` rows, each row formatted as it arrives. The first page is
 * small (`firstSize`), so a download starts after one quick query however
 * large the table is; the pages after it take turns with other exports'
 * (`continuationPages`). Once `signal` aborts (the client went away) no page
 * is asked for, and a page that fails after it (its query cancelled) ends
 * the document.
 */
export async function* csvChunks<Row>(
	columns: readonly CsvColumn<Row>[],
	page: KeysetPage<Row>,
	options: { size?: number; firstSize?: number; signal?: AbortSignal } = {},
): AsyncGenerator<Uint8Array> {
	const { size = 2000, signal } = options
	const bytes = utf8Chunks()
	bytes.write(csvHeaderLine(columns))
	yield* bytes.take()
	let after: Row | undefined
	for (let asked = options.firstSize ?? Math.min(100, size); !signal?.aborted; asked = size) {
		let rows = 0
		let last: Row | undefined
		let release = () => {}
		try {
			if (after !== undefined) release = await continuationPages.take(signal)
			await page(after, asked, (row) => {
				bytes.write(csvLine(columns, row))
				rows++
				last = row
			})
		} catch (error) {
			if (signal?.aborted) return
			throw error
		} finally {
			release()
		}
		yield* bytes.take()
		if (rows < asked) return
		after = last
	}
}

/** The document as one string (for small exports and tests). */
export async function csvText<Row>(
	columns: readonly CsvColumn<Row>[],
	page: KeysetPage<Row>,
	options: { size?: number; firstSize?: number } = {},
) {
	const decoder = new TextDecoder()
	let text = ''
	for await (const chunk of csvChunks(columns, page, options)) text += decoder.decode(chunk, { stream: true })
	return text + decoder.decode()
}
