import { describe, expect, test } from 'vitest'
import { getCharity } from '#app/config/charity.server.ts'
import { renderGuidePdf } from '#app/guide/guide-pdf.server.ts'

const BOTTOM_MARGIN = 76
const FOOTER_TOP = 60
/** About two lines of body text. */
const FULL_PAGE_GAP = 45
/** A section's heading, introduction and the first lines of its first tip, which stay together. */
const SECTION_OPENING = 140

type PageText = { lowest: number; opensSection: boolean }

/**
 * Per page, from the uncompressed content streams: the lowest line of body
 * text in points from the foot of the page (pdfkit places each line with a
 * `1 0 0 1 x y Tm` operator; the footer is left out), and whether the page
 * begins with a section heading (the only 21 pt text).
 */
function pagesOf(pdf: Buffer): PageText[] {
	return [...pdf.toString('latin1').matchAll(/stream\n([^]*?)endstream/g)]
		.map((match) => match[1]!)
		.filter((stream) => stream.includes(' Tm'))
		.map((stream) => ({
			lowest: Math.min(
				...[...stream.matchAll(/1 0 0 1 [\d.]+ ([\d.]+) Tm/g)].map((m) => Number(m[1])).filter((y) => y > FOOTER_TOP),
			),
			opensSection: / 21 Tf/.test(/\/F\d+ [\d.]+ Tf/.exec(stream)?.[0] ?? ''),
		}))
}

describe('the printable guide', () => {
	test('fills every page down to its foot, leaving room only where a new section must start on the next page', async () => {
		const pdf = await renderGuidePdf(getCharity(), { compress: false, startUrl: 'http://localhost:3000/start' })
		const pages = pagesOf(pdf)
		expect(pages.length).toBeGreaterThan(1)
		pages.slice(0, -1).forEach((page, index) => {
			const allowed = pages[index + 1]!.opensSection ? SECTION_OPENING : FULL_PAGE_GAP
			expect(
				page.lowest - BOTTOM_MARGIN,
				`empty space at the foot of page ${index + 1} of ${pages.length}`,
			).toBeLessThan(allowed)
		})
	})
})
