import { getClaim, recordClaimExport, scheduleGiftsOf } from '#app/gift-aid/claims.server.ts'
import { odsFile, odsRowXml, twoDecimals, ukShortDate } from '#app/gift-aid/ods.server.ts'
import {
	SCHEDULE_HEADERS,
	scheduleFileCount,
	scheduleFileRows,
	scheduleRows,
	type ScheduleRow,
} from '#app/gift-aid/schedule.ts'
import { csvHeaderLine, csvLine, type CsvColumn } from '#app/staff/csv.server.ts'
import { fileDownload } from '#app/staff/reporting.server.ts'
import { type Person } from '#db/schema.ts'

/*
 * A batch's schedule as files for Charities Online: .ods (the format HMRC's
 * schedule spreadsheet is in, and what its upload takes) or .csv (to paste
 * into HMRC's template), each at most 1,000 rows, so a batch of more is
 * several files. A batch holds at most MAX_GIFTS_PER_CLAIM gifts, so a file
 * is built from a bounded read whatever the database holds.
 */

export type ScheduleFormat = 'ods' | 'csv'

/** How many rows and files the batch's schedule has, gift by gift and with small gifts added together. */
export async function scheduleFilesOf(claimId: string) {
	const gifts = await scheduleGiftsOf(claimId)
	const shape = (aggregate: boolean) => {
		const rows = scheduleRows(gifts, aggregate).length
		return { aggregate, rows, files: scheduleFileCount(rows) }
	}
	return { gifts: gifts.length, eachGift: shape(false), aggregated: shape(true) }
}

const scheduleColumns: CsvColumn<ScheduleRow>[] = [
	{ header: SCHEDULE_HEADERS[0], value: (r) => r.title },
	{ header: SCHEDULE_HEADERS[1], value: (r) => r.firstName },
	{ header: SCHEDULE_HEADERS[2], value: (r) => r.lastName },
	{ header: SCHEDULE_HEADERS[3], value: (r) => r.houseNameOrNumber },
	{ header: SCHEDULE_HEADERS[4], value: (r) => r.postcode },
	{ header: SCHEDULE_HEADERS[5], value: (r) => r.aggregated },
	{ header: SCHEDULE_HEADERS[6], value: (r) => r.sponsoredEvent },
	{ header: SCHEDULE_HEADERS[7], value: (r) => ukShortDate(r.day) },
	// HMRC: no £ sign, always two decimals (200.00, not 200).
	{ header: SCHEDULE_HEADERS[8], value: (r) => ({ decimal: twoDecimals(r.amountMinor) }) },
]

/** One schedule row as spreadsheet cells: the date a real date shown DD/MM/YY, the amount a number with two decimals. */
function odsCells(row: ScheduleRow) {
	return odsRowXml([
		{ text: row.title },
		{ text: row.firstName },
		{ text: row.lastName },
		{ text: row.houseNameOrNumber },
		{ text: row.postcode },
		{ text: row.aggregated },
		{ text: row.sponsoredEvent },
		{ date: row.day },
		{ hundredths: row.amountMinor },
	])
}

/** The rows of one file of a batch's schedule, or null when the batch has no such file. */
export async function scheduleFile(claimId: string, part: number, aggregate: boolean) {
	const rows = scheduleRows(await scheduleGiftsOf(claimId), aggregate)
	const files = scheduleFileCount(rows.length)
	if (!Number.isSafeInteger(part) || part < 1 || part > files) return null
	return { rows: scheduleFileRows(rows, part), files }
}

/** The file's contents: CSV text chunks (a header, then rows a hundred at a time) or the .ods bytes. */
export async function* scheduleChunks(
	rows: ScheduleRow[],
	format: ScheduleFormat,
): AsyncGenerator<string | Uint8Array> {
	await Promise.resolve()
	if (format === 'ods') {
		yield odsFile('Gift Aid schedule', SCHEDULE_HEADERS, rows.map(odsCells))
		return
	}
	yield csvHeaderLine(scheduleColumns)
	for (let i = 0; i < rows.length; i += 100) {
		yield rows
			.slice(i, i + 100)
			.map((row) => csvLine(scheduleColumns, row))
			.join('')
	}
}

/** The download response of one schedule file, in the one-export-per-staff-member slot the other exports use. */
export function scheduleDownload(
	staffId: string,
	file: {
		claimId: string
		rows: ScheduleRow[]
		part: number
		files: number
		format: ScheduleFormat
		aggregate: boolean
	},
	signal: AbortSignal,
) {
	const name = `gift-aid-schedule-${file.claimId.slice(0, 8)}${file.aggregate ? '-aggregated' : ''}-${file.part}-of-${file.files}`
	return fileDownload(
		staffId,
		{
			filename: `${name}.${file.format}`,
			contentType: file.format === 'ods' ? 'application/vnd.oasis.opendocument.spreadsheet' : 'text/csv; charset=utf-8',
			byteOrderMark: file.format === 'csv',
		},
		() => scheduleChunks(file.rows, file.format),
		signal,
	)
}

/**
 * GET of a schedule file: `?part=N` (default 1) and `?aggregate=1` for small
 * gifts added together. The download is in the audit log; a file the batch
 * does not have is a 404.
 */
export async function scheduleFileResponse(
	request: Request,
	staff: Person,
	claimId: string | undefined,
	format: ScheduleFormat,
) {
	const claim = await getClaim(claimId ?? '')
	if (!claim) throw new Response('Not found', { status: 404 })
	const params = new URL(request.url).searchParams
	const partText = params.get('part') ?? '1'
	// Only a plain file number: "1e9" or "2abc" is no file of ours.
	const part = /^[1-9]\d{0,4}$/.test(partText) ? Number(partText) : 0
	const aggregate = params.get('aggregate') === '1'
	const file = await scheduleFile(claim.id, part, aggregate)
	if (!file) throw new Response('Not found', { status: 404 })
	await recordClaimExport(claim.id, staff, { format, part, aggregate })
	return scheduleDownload(staff.id, { claimId: claim.id, ...file, part, format, aggregate }, request.signal)
}
