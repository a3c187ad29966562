import { describe, expect, test } from 'vitest'
import { getCharity } from '#app/config/charity.server.ts'
import { renderGuidePdf } from '#app/guide/guide-pdf.server.ts'

const A4_HEIGHT = 841.89
const BOTTOM_MARGIN = 76
const FOOTER_TOP = 60

/**
 * The lowest line of body text on each page, in PDF points from the foot of
 * the page, read from the uncompressed content streams (pdfkit positions each
 * line with a `1 0 0 1 x y Tm` operator); the footer line is left out.
 */
function lowestTextPerPage(pdf: Buffer): number[] {
	const text = pdf.toString('latin1')
	return [...text.matchAll(/stream\n([^]*?)endstream/g)]
		.map((match) => match[1]!)
		.filter((stream) => stream.includes(' Tm'))
		.map((stream) => Math.min(...[...stream.matchAll(/1 0 0 1 [\d.]+ ([\d.]+) Tm/g)].map((m) => Number(m[1])).filter((y) => y > FOOTER_TOP)))
}

describe('the printable guide', () => {
	test('fills every page but the last down to the foot of the page', async () => {
		const pdf = await renderGuidePdf(getCharity(), { compress: false, startUrl: 'http://localhost:3000/start' })
		const lowest = lowestTextPerPage(pdf)
		expect(lowest.length).toBeGreaterThan(1)
		for (const [index, y] of lowest.slice(0, -1).entries()) {
			// Within two lines of the bottom margin: no half-empty pages.
			expect(y - BOTTOM_MARGIN, `page ${index + 1} of ${lowest.length}`).toBeLessThan(45)
			expect(y).toBeLessThan(A4_HEIGHT)
		}
	})
})
