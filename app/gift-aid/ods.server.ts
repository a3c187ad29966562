import { strToU8, zipSync } from 'fflate'

/*
 * OpenDocument spreadsheets (.ods), the format HMRC's Charities Online takes
 * its schedules in. An .ods file is a zip of XML parts: `mimetype` first and
 * stored (uncompressed, sizes in its header, so a strict reader finds the
 * type at byte 38), then the manifest and the content. fflate writes the zip;
 * the XML is ours, and only what a one-sheet table needs.
 */

export const ODS_MIME_TYPE = 'application/vnd.oasis.opendocument.spreadsheet'

/** A cell: text, an amount in hundredths (pence) shown with two decimals, a calendar date (YYYY-MM-DD), or empty. */
export type OdsCell = { text: string } | { hundredths: number } | { date: string } | null

/** 1234 → "12.34", without floating point. */
export function twoDecimals(hundredths: number): string {
	const sign = hundredths < 0 ? '-' : ''
	const abs = Math.abs(hundredths)
	return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

const NS = [
	'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"',
	'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"',
	'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"',
	'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"',
	'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"',
	'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"',
].join(' ')

/** Text as XML character data: markup escaped, and characters XML 1.0 cannot hold dropped. */
export function xmlText(value: string): string {
	return value
		.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
		.replaceAll('&', '&amp;')
		.replaceAll('<', '&lt;')
		.replaceAll('>', '&gt;')
		.replaceAll('"', '&quot;')
}

// Dates shown DD/MM/YY and amounts with two decimals, as HMRC's schedule asks; the header row in bold.
const automaticStyles =
	'<office:automatic-styles>' +
	'<number:date-style style:name="Ndate"><number:day number:style="long"/><number:text>/</number:text>' +
	'<number:month number:style="long"/><number:text>/</number:text><number:year/></number:date-style>' +
	'<number:number-style style:name="Namount"><number:number number:decimal-places="2" number:min-decimal-places="2" number:min-integer-digits="1"/></number:number-style>' +
	'<style:style style:name="date" style:family="table-cell" style:data-style-name="Ndate"/>' +
	'<style:style style:name="amount" style:family="table-cell" style:data-style-name="Namount"/>' +
	'<style:style style:name="heading" style:family="table-cell"><style:text-properties fo:font-weight="bold"/></style:style>' +
	'</office:automatic-styles>'

/** DD/MM/YY of a YYYY-MM-DD day: how HMRC writes a donation date. */
export function ukShortDate(day: string): string {
	const [year, month, date] = day.split('-')
	return `${date}/${month}/${year!.slice(2)}`
}

function cellXml(cell: OdsCell): string {
	if (cell === null) return '<table:table-cell/>'
	if ('text' in cell) {
		if (cell.text === '') return '<table:table-cell/>'
		return `<table:table-cell office:value-type="string"><text:p>${xmlText(cell.text)}</text:p></table:table-cell>`
	}
	if ('hundredths' in cell) {
		const shown = twoDecimals(cell.hundredths)
		return `<table:table-cell table:style-name="amount" office:value-type="float" office:value="${shown}"><text:p>${shown}</text:p></table:table-cell>`
	}
	return `<table:table-cell table:style-name="date" office:value-type="date" office:date-value="${cell.date}"><text:p>${ukShortDate(cell.date)}</text:p></table:table-cell>`
}

/** One table row's XML. */
export function odsRowXml(cells: readonly OdsCell[]): string {
	return `<table:table-row>${cells.map(cellXml).join('')}</table:table-row>`
}

/**
 * A one-sheet spreadsheet: a bold header row, then `rows` (already turned
 * into XML by odsRowXml, so a caller can build them as it reads). The whole
 * file is built in memory, so callers keep it small: HMRC's schedule holds at
 * most 1,000 rows, about half a megabyte of XML.
 */
export function odsFile(sheetName: string, header: readonly string[], rowsXml: Iterable<string>, now = new Date()) {
	let content =
		`<?xml version="1.0" encoding="UTF-8"?><office:document-content ${NS} office:version="1.2">` +
		automaticStyles +
		`<office:body><office:spreadsheet><table:table table:name="${xmlText(sheetName)}">` +
		`<table:table-column table:number-columns-repeated="${header.length}"/>` +
		`<table:table-row>${header.map((h) => `<table:table-cell table:style-name="heading" office:value-type="string"><text:p>${xmlText(h)}</text:p></table:table-cell>`).join('')}</table:table-row>`
	for (const row of rowsXml) content += row
	content += '</table:table></office:spreadsheet></office:body></office:document-content>'
	const manifest =
		'<?xml version="1.0" encoding="UTF-8"?>' +
		'<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">' +
		`<manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="${ODS_MIME_TYPE}"/>` +
		'<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>' +
		'</manifest:manifest>'
	// Insertion order is the zip's order: mimetype must come first.
	return zipSync(
		{
			mimetype: [strToU8(ODS_MIME_TYPE), { level: 0 }],
			'META-INF/manifest.xml': strToU8(manifest),
			'content.xml': strToU8(content),
		},
		{ level: 6, mtime: now },
	)
}
