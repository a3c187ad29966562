import { XMLParser } from 'fast-xml-parser'
import { strFromU8, unzipSync } from 'fflate'

/*
 * Reads an .ods file back the way a spreadsheet program does, for tests:
 * unzipped with fflate, its content.xml parsed with fast-xml-parser (not by
 * our writer's code), each cell as what a program would hold: its type, its
 * value (date-value, value) and the text it shows.
 */

export type ReadCell = { type: string | null; value: string | null; shown: string }

type XmlNode = Record<string, unknown>

const asArray = (value: unknown): XmlNode[] =>
	value === undefined ? [] : Array.isArray(value) ? (value as XmlNode[]) : [value as XmlNode]

function shownText(cell: XmlNode): string {
	// A paragraph with only text comes back as a string; one with attributes as an object.
	const paragraphs: unknown[] = asArray(cell['text:p'])
	return paragraphs
		.map((p) => {
			if (typeof p === 'string' || typeof p === 'number') return String(p)
			const text = (p as XmlNode)['#text']
			return typeof text === 'string' || typeof text === 'number' ? String(text) : ''
		})
		.join('\n')
}

export function readOds(file: Uint8Array) {
	const entries = unzipSync(file)
	const names = Object.keys(entries)
	const parser = new XMLParser({
		ignoreAttributes: false,
		attributeNamePrefix: '@',
		parseTagValue: false,
		parseAttributeValue: false,
		isArray: (name) => name === 'table:table-row' || name === 'table:table-cell' || name === 'table:table',
	})
	const doc = parser.parse(strFromU8(entries['content.xml']!)) as XmlNode
	const body = (doc['office:document-content'] as XmlNode)['office:body'] as XmlNode
	const tables = asArray((body['office:spreadsheet'] as XmlNode)['table:table'])
	const sheets = tables.map((table) => ({
		name: String(table['@table:name']),
		rows: asArray(table['table:table-row']).map((row) =>
			asArray(row['table:table-cell']).flatMap((cell): ReadCell[] => {
				const repeat = Number(cell['@table:number-columns-repeated'] ?? 1)
				const read: ReadCell = {
					type: (cell['@office:value-type'] as string | undefined) ?? null,
					value: ((cell['@office:date-value'] ?? cell['@office:value']) as string | undefined) ?? null,
					shown: shownText(cell),
				}
				return Array.from({ length: repeat }, () => read)
			}),
		),
	}))
	return { names, mimetype: entries.mimetype ? strFromU8(entries.mimetype) : null, sheets }
}
