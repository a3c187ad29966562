import PDFDocument from 'pdfkit'
import { guideIntro, guideSections, guideTitle, withCharityNames } from './tips.ts'

/** The charity details the printed guide needs (a subset of Charity, so callers and tests can pass just these). */
export type GuidePdfCharity = {
	name: string
	shortName: string
	legalName: string
	registration: string
	address: string
	website: string
}

export type GuidePdfOptions = {
	/** Compress content streams (default true); tests turn it off to read the text. */
	compress?: boolean
	/** Where "Start your page" points: the platform's /start when known, else the charity's website. */
	startUrl?: string
}

const brand = '#0b4f6c'
const ink = '#24211e'
const muted = '#5f5850'
const sand = '#f4f1ec'
const rule = '#d9d2c7'

// Points (1/72 inch). Generous margins so it prints well and leaves room for notes.
const margin = { top: 64, bottom: 76, left: 68, right: 68 }
const tipIndent = 38
const badgeRadius = 12

/** Splits guide text on **bold** markers into runs; odd entries are the bold phrases. */
function boldRuns(text: string) {
	return text
		.split(/\*\*(.+?)\*\*/g)
		.map((part, index) => ({ text: part, bold: index % 2 === 1 }))
		.filter((run) => run.text.length > 0)
}

/**
 * “25 Tips for the Novice Fundraiser” as a printable A4 PDF, from the same
 * text as the web page so the two never drift apart. Uses only the PDF
 * standard fonts (no font files to ship); their WinAnsi encoding covers £ and
 * curly quotes, which is everything the guide uses.
 */
export function renderGuidePdf(charity: GuidePdfCharity, options: GuidePdfOptions = {}): Promise<Buffer> {
	const fill = (text: string) => withCharityNames(text, charity)
	const startUrl = options.startUrl ?? charity.website
	const doc = new PDFDocument({
		size: 'A4',
		margins: margin,
		compress: options.compress ?? true,
		// Buffered so page numbers ("Page 2 of 5") can be written once the total is known.
		bufferPages: true,
		lang: 'en-GB',
		displayTitle: true,
		info: {
			Title: guideTitle,
			Author: charity.name,
			Subject: `A free guide for people fundraising for ${charity.name}`,
		},
	})
	const chunks: Buffer[] = []
	const done = new Promise<Buffer>((resolve, reject) => {
		doc.on('data', (chunk: Buffer) => chunks.push(chunk))
		doc.on('end', () => resolve(Buffer.concat(chunks)))
		doc.on('error', reject)
	})

	const left = margin.left
	const contentWidth = doc.page.width - margin.left - margin.right
	const bottom = () => doc.page.height - margin.bottom
	/** Starts a new page when less than `height` is left, so a heading never sits alone at the foot of a page. */
	const keepTogether = (height: number) => {
		if (doc.y + height > bottom()) doc.addPage()
	}

	// Title band on the first page: the charity's name, the guide's title, in brand colour.
	const bandHeight = 176
	doc.rect(0, 0, doc.page.width, bandHeight).fill(brand)
	doc
		.fillColor('#ffffff')
		.font('Helvetica-Bold')
		.fontSize(10)
		.text(charity.name.toUpperCase(), left, 44, { width: contentWidth, characterSpacing: 1.2 })
	doc.moveDown(1.4)
	doc.font('Helvetica').fontSize(11).fillColor('#cfe3ec').text('A free guide', { width: contentWidth })
	doc.moveDown(0.2)
	doc.font('Times-Bold').fontSize(32).fillColor('#ffffff').text(guideTitle, { width: contentWidth, lineGap: 2 })
	doc.y = Math.max(doc.y, bandHeight) + 30

	doc
		.font('Helvetica')
		.fontSize(12.5)
		.fillColor(ink)
		.text(fill(guideIntro), left, doc.y, { width: contentWidth, lineGap: 4 })
	doc.moveDown(1.2)

	// Contents: the four stages and which tips each holds.
	const contentsPadding = 16
	const contentsLineHeight = 20
	const contentsHeight = contentsPadding * 2 + 22 + guideSections.length * contentsLineHeight
	keepTogether(contentsHeight)
	const contentsTop = doc.y
	doc.roundedRect(left, contentsTop, contentWidth, contentsHeight, 8).fill(sand)
	doc
		.font('Helvetica-Bold')
		.fontSize(12)
		.fillColor(brand)
		.text('In this guide', left + contentsPadding, contentsTop + contentsPadding, {
			width: contentWidth - contentsPadding * 2,
		})
	guideSections.forEach((section, index) => {
		const first = section.tips[0]?.number
		const last = section.tips.at(-1)?.number
		const y = contentsTop + contentsPadding + 22 + index * contentsLineHeight
		doc
			.font('Helvetica-Bold')
			.fontSize(11)
			.fillColor(ink)
			.text(`${index + 1}.  ${fill(section.title)}`, left + contentsPadding, y, { lineBreak: false })
		if (first !== undefined && last !== undefined) {
			doc
				.font('Helvetica')
				.fontSize(10.5)
				.fillColor(muted)
				.text(`Tips ${first}–${last}`, left + contentsPadding, y, {
					width: contentWidth - contentsPadding * 2,
					align: 'right',
					lineBreak: false,
				})
		}
	})
	doc.x = left
	doc.y = contentsTop + contentsHeight + 16

	const textX = left + tipIndent
	const textWidth = contentWidth - tipIndent
	const bodyOptions = { width: textWidth, lineGap: 4 }
	/**
	 * Whether a tip may start `above` points below the current position: its
	 * title and all its text fit, or its text splits with at least two lines
	 * on each page (no single orphaned or widowed line). Letting long tips
	 * flow on keeps pages full instead of leaving a tip-sized gap at each foot.
	 */
	const tipCanStart = (tip: (typeof guideSections)[number]['tips'][number], above = 0) => {
		doc.font('Helvetica-Bold').fontSize(13)
		const title = doc.heightOfString(fill(tip.title), { width: textWidth }) + doc.currentLineHeight(true) * 0.3
		doc.font('Helvetica').fontSize(11)
		const line = doc.currentLineHeight(true) + bodyOptions.lineGap
		const lines = Math.round(doc.heightOfString(fill(tip.body).replaceAll('**', ''), bodyOptions) / line)
		const room = Math.floor((bottom() - doc.y - above - title) / line)
		return room >= lines || (room >= 2 && lines - room >= 2)
	}

	for (const section of guideSections) {
		doc.font('Times-Bold').fontSize(21)
		const headingHeight = doc.heightOfString(fill(section.title), { width: contentWidth })
		doc.font('Helvetica').fontSize(11.5)
		const introHeight = doc.heightOfString(fill(section.intro), { width: contentWidth, lineGap: 3 })
		// A section heading, its intro and the start of its first tip stay together.
		const first = section.tips[0]
		if (first && !tipCanStart(first, 18 + headingHeight + 14 + introHeight + 12)) doc.addPage()
		if (doc.y > margin.top + 1) doc.moveDown(1)
		doc.font('Times-Bold').fontSize(21).fillColor(brand).text(fill(section.title), left, doc.y, { width: contentWidth })
		const ruleY = doc.y + 4
		doc
			.moveTo(left, ruleY)
			.lineTo(left + 48, ruleY)
			.lineWidth(2.5)
			.strokeColor(brand)
			.stroke()
		doc.y = ruleY + 10
		doc
			.font('Helvetica')
			.fontSize(11.5)
			.fillColor(muted)
			.text(fill(section.intro), left, doc.y, { width: contentWidth, lineGap: 3 })
		doc.moveDown(0.8)

		for (const tip of section.tips) {
			if (!tipCanStart(tip)) doc.addPage()
			const top = doc.y
			// Numbered badge, as on the web page.
			doc.circle(left + badgeRadius, top + badgeRadius - 4, badgeRadius).fill(brand)
			doc
				.font('Helvetica-Bold')
				.fontSize(10.5)
				.fillColor('#ffffff')
				.text(String(tip.number), left, top + badgeRadius - 10, {
					width: badgeRadius * 2,
					align: 'center',
					lineBreak: false,
				})
			doc.font('Helvetica-Bold').fontSize(13).fillColor(ink).text(fill(tip.title), textX, top, { width: textWidth })
			doc.moveDown(0.3)
			const runs = boldRuns(fill(tip.body))
			runs.forEach((run, index) => {
				doc
					.font(run.bold ? 'Helvetica-Bold' : 'Helvetica')
					.fontSize(11)
					.fillColor(ink)
				const continued = index < runs.length - 1
				if (index === 0) doc.text(run.text, textX, doc.y, { ...bodyOptions, continued })
				else doc.text(run.text, { continued })
			})
			doc.x = left
			doc.moveDown(1)
		}
	}

	// Closing block: where to start, and who the charity is. Drawn first, framed after, so a long address still fits.
	keepTogether(150)
	doc.moveDown(0.5)
	const closingTop = doc.y
	const inner = left + 20
	const innerWidth = contentWidth - 40
	doc
		.font('Times-Bold')
		.fontSize(18)
		.fillColor(brand)
		.text('Ready when you are', inner, closingTop + 18, { width: innerWidth })
	doc.moveDown(0.3)
	doc
		.font('Helvetica')
		.fontSize(11.5)
		.fillColor(ink)
		.text('Start your page: ', inner, doc.y, { width: innerWidth, continued: true })
	doc.font('Helvetica-Bold').fillColor(brand).text(startUrl, { link: startUrl, underline: true })
	doc.moveDown(0.8)
	doc.font('Helvetica').fontSize(9.5).fillColor(muted)
	doc.text(charity.legalName, inner, doc.y, { width: innerWidth })
	doc.text(charity.registration, { width: innerWidth })
	doc.text(charity.address, { width: innerWidth })
	doc.text(charity.website, { width: innerWidth, link: charity.website })
	doc
		.roundedRect(left, closingTop, contentWidth, doc.y + 16 - closingTop, 8)
		.lineWidth(1.5)
		.strokeColor(brand)
		.stroke()
	doc.x = left

	// Footer on every page: the guide's name and "Page n of N".
	const range = doc.bufferedPageRange()
	for (let i = range.start; i < range.start + range.count; i++) {
		doc.switchToPage(i)
		// Writing inside the bottom margin would otherwise make pdfkit add a page.
		const savedBottom = doc.page.margins.bottom
		doc.page.margins.bottom = 0
		const y = doc.page.height - 46
		doc
			.moveTo(left, y - 8)
			.lineTo(left + contentWidth, y - 8)
			.lineWidth(0.5)
			.strokeColor(rule)
			.stroke()
		doc.font('Helvetica').fontSize(8.5).fillColor(muted)
		doc.text(`${guideTitle} · ${charity.name}`, left, y, { width: contentWidth, lineBreak: false })
		doc.text(`Page ${i - range.start + 1} of ${range.count}`, left, y, {
			width: contentWidth,
			align: 'right',
			lineBreak: false,
		})
		doc.page.margins.bottom = savedBottom
	}

	doc.end()
	return done
}
