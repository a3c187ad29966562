import { readFile } from 'node:fs/promises'
import path from 'node:path'
import sharp from 'sharp'
import { type CampaignSummary } from '#app/campaigns/campaigns.server.ts'
import { type Charity } from '#app/config/charity.ts'
import { getCharity } from '#app/config/charity.server.ts'
import { localUploadPath } from '#app/media/storage.server.ts'
import { formatMoney, progressPercent } from '#app/utils/money.ts'

/**
 * The picture WhatsApp, Facebook and friends show when a campaign page is
 * shared (Open Graph image): the campaign's cover, darkened towards the
 * bottom, with its title, organiser, progress and the charity's name. It
 * never names a donor. Titles and names are user input, so every text is
 * XML-escaped before it goes into the SVG overlay.
 */

export const SHARE_IMAGE_WIDTH = 1200
export const SHARE_IMAGE_HEIGHT = 630

export type ShareImageCampaign = Pick<
	CampaignSummary,
	'slug' | 'title' | 'kind' | 'organiserName' | 'raisedMinor' | 'goalMinor' | 'currency' | 'coverImage'
> & {
	/** The line under the title in place of "Organised by …" (an event's date and place, a team's event). */
	byline?: string
}

const FONT = 'DejaVu Sans, sans-serif'
const MARGIN = 64

// Advance widths (thousandths of an em) of DejaVu Sans for ASCII 32–126, read
// from the font files: text is wrapped and shortened here, before librsvg
// draws it, and librsvg cannot tell us how wide a line came out.
const regularWidths = [
	318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636, 636, 636, 636,
	636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863,
	748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635,
	615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636,
	337, 636, 838,
]
const boldWidths = [
	348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696, 696, 696, 696, 696,
	696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734, 830, 683, 683, 821, 837, 372, 372, 775, 637, 995,
	837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457, 365, 457, 838, 500, 500, 675, 716, 593, 716,
	678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712,
	365, 712, 838,
]

/** Width in pixels of `text` at `size`; characters outside ASCII are counted wide, so lines err on the short side. */
export function textWidth(text: string, size: number, bold: boolean): number {
	const table = bold ? boldWidths : regularWidths
	let total = 0
	for (const char of text) {
		const code = char.codePointAt(0)!
		if (char === '’' || char === '‘') total += table[7]!
		else if (code >= 32 && code <= 126) total += table[code - 32]!
		else total += code > 0x2e80 ? 1000 : 760
	}
	return (total / 1000) * size
}

/** Shortens `text` with an ellipsis until it fits `maxWidth`. */
function fitLine(text: string, size: number, bold: boolean, maxWidth: number): string {
	if (textWidth(text, size, bold) <= maxWidth) return text
	const chars = Array.from(text)
	while (chars.length > 0 && textWidth(`${chars.join('').trimEnd()}…`, size, bold) > maxWidth) chars.pop()
	return `${chars.join('').trimEnd()}…`
}

/** Greedy word wrap at `maxWidth`; a single word wider than a line is cut short. Each line is a list of words. */
function greedyWrap(words: string[], size: number, bold: boolean, maxWidth: number): string[][] {
	const lines: string[][] = []
	let current: string[] = []
	for (const word of words) {
		if (current.length > 0 && textWidth([...current, word].join(' '), size, bold) <= maxWidth) {
			current.push(word)
			continue
		}
		if (current.length > 0) lines.push(current)
		current = [word]
	}
	if (current.length > 0) lines.push(current)
	return lines.map((line) => (line.length === 1 ? [fitLine(line[0]!, size, bold, maxWidth)] : line))
}

/**
 * Word-wraps `text` into at most `maxLines` lines no wider than `maxWidth`.
 * Lines are balanced (no lone last word when it can be helped); when text is
 * left over, the last line ends at a word with an ellipsis.
 */
export function wrapText(
	text: string,
	size: number,
	bold: boolean,
	maxWidth: number,
	maxLines: number,
): { lines: string[]; complete: boolean } {
	const words = text.split(/\s+/).filter(Boolean)
	const lines = greedyWrap(words, size, bold, maxWidth)
	if (lines.length <= maxLines) {
		// The narrowest width that still needs no more lines, found by halving.
		const widestWord = Math.max(0, ...words.map((word) => textWidth(word, size, bold)))
		let low = Math.min(maxWidth, Math.max(widestWord, maxWidth / 3))
		let high = maxWidth
		while (high - low > 4) {
			const middle = (low + high) / 2
			if (greedyWrap(words, size, bold, middle).length <= lines.length) high = middle
			else low = middle
		}
		return { lines: greedyWrap(words, size, bold, high).map((line) => line.join(' ')), complete: true }
	}
	const kept = lines.slice(0, maxLines - 1).map((line) => line.join(' '))
	const rest = words.slice(lines.slice(0, maxLines - 1).reduce((count, line) => count + line.length, 0))
	let last = ''
	for (const word of rest) {
		const candidate = last ? `${last} ${word}` : word
		if (textWidth(`${candidate}…`, size, bold) > maxWidth) break
		last = candidate
	}
	kept.push(last ? `${last.replace(/[\s,;:.–—-]+$/, '')}…` : fitLine(rest.join(' '), size, bold, maxWidth))
	return { lines: kept, complete: false }
}

/** Makes user text inert inside SVG: escapes markup and drops characters XML does not allow. */
export function escapeXml(text: string): string {
	return text
		.replace(/[^\P{Cc}\t\n\r\u007f-\u009f]|[\ufffe\uffff]/gu, '')
		.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;')
}

/** `#rrggbb` mixed with black: `amount` 0 keeps the colour, 1 is black. */
function darken(hex: string, amount: number): string {
	const channels = [1, 3, 5].map((i) => Math.round(parseInt(hex.slice(i, i + 2), 16) * (1 - amount)))
	return `#${channels.map((c) => c.toString(16).padStart(2, '0')).join('')}`
}

const LOGO_SIZE = 34
const PILL = { x: 56, y: 48, height: 54, padding: 20 }

/** Title sizes to try, largest first: short titles are big, long ones get smaller and a third line. */
const titleSizes = [
	{ size: 66, maxLines: 2 },
	{ size: 58, maxLines: 2 },
	{ size: 50, maxLines: 3 },
]

/** The SVG drawn over the cover: gradient, charity badge, title, organiser and progress. */
export function shareOverlaySvg(campaign: ShareImageCampaign, charity: Charity, options: { hasLogo: boolean }): string {
	const width = SHARE_IMAGE_WIDTH
	const height = SHARE_IMAGE_HEIGHT
	const textWidthMax = width - MARGIN * 2
	const shade = darken(charity.primaryColor, 0.7)

	let title = { size: 50, lines: [] as string[] }
	for (const { size, maxLines } of titleSizes) {
		const wrapped = wrapText(campaign.title, size, true, textWidthMax, maxLines)
		title = { size, lines: wrapped.lines }
		if (wrapped.complete) break
	}
	const titleLineHeight = Math.round(title.size * 1.14)

	const money = (minor: number) => formatMoney(minor, campaign.currency, charity.locale, { wholeUnits: true })
	const percent = progressPercent(campaign.raisedMinor, campaign.goalMinor)
	const percentText = `${percent}%`
	const moneySize = 36
	const percentWidth = textWidth(percentText, moneySize, true)
	const moneyText = fitLine(
		`${money(campaign.raisedMinor)} raised of ${money(campaign.goalMinor)}`,
		moneySize,
		true,
		textWidthMax - percentWidth - 24,
	)
	const organiserSize = 28
	const organiser = campaign.organiserName.trim()
	const byline = campaign.byline?.trim() || (organiser ? `Organised by ${organiser}` : '')
	const organiserText = byline ? fitLine(byline, organiserSize, false, textWidthMax) : ''

	// Laid out from the bottom up, so any title length ends in the same place.
	const barHeight = 18
	const barY = height - 56 - barHeight
	const moneyBaseline = barY - 20
	const organiserBaseline = moneyBaseline - moneySize - 22
	const titleLastBaseline = (organiserText ? organiserBaseline - organiserSize : moneyBaseline - moneySize) - 26
	const titleFirstBaseline = titleLastBaseline - titleLineHeight * (title.lines.length - 1)
	// The shade deepens just above the title, wherever it starts, and leaves
	// the top of the picture bright.
	const titleTop = titleFirstBaseline - title.size
	const shadeFrom = (y: number) => Math.min(1, Math.max(0, y / height)).toFixed(3)
	const fillWidth = percent === 0 ? 0 : Math.max(barHeight, Math.round((textWidthMax * percent) / 100))

	const badgeSize = 22
	const badgeText = fitLine(
		`Fundraising for ${charity.name}`,
		badgeSize,
		true,
		width - PILL.x * 2 - PILL.padding * 2 - (options.hasLogo ? LOGO_SIZE + 12 : 0),
	)
	const badgeTextX = PILL.x + PILL.padding + (options.hasLogo ? LOGO_SIZE + 12 : 0)
	const pillWidth = Math.ceil(badgeTextX - PILL.x + textWidth(badgeText, badgeSize, true) + PILL.padding)

	const titleTexts = title.lines
		.map(
			(line, index) =>
				`<tspan x="${MARGIN}" y="${titleFirstBaseline + index * titleLineHeight}">${escapeXml(line)}</tspan>`,
		)
		.join('')

	return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
<defs>
<linearGradient id="shade" gradientUnits="userSpaceOnUse" x1="0" y1="0" x2="0" y2="${height}">
<stop offset="0" stop-color="${shade}" stop-opacity="0"/>
<stop offset="${shadeFrom(titleTop - 170)}" stop-color="${shade}" stop-opacity="0.08"/>
<stop offset="${shadeFrom(titleTop - 10)}" stop-color="${shade}" stop-opacity="0.62"/>
<stop offset="${shadeFrom(titleTop + 130)}" stop-color="${shade}" stop-opacity="0.86"/>
<stop offset="1" stop-color="${shade}" stop-opacity="0.94"/>
</linearGradient>
</defs>
<rect width="${width}" height="${height}" fill="url(#shade)"/>
<rect x="${PILL.x}" y="${PILL.y}" width="${pillWidth}" height="${PILL.height}" rx="${PILL.height / 2}" fill="#ffffff" fill-opacity="0.96"/>
<text x="${badgeTextX}" y="${PILL.y + PILL.height / 2 + 8}" font-family="${FONT}" font-size="${badgeSize}" font-weight="bold" fill="${charity.primaryColor}">${escapeXml(badgeText)}</text>
<text font-family="${FONT}" font-size="${title.size}" font-weight="bold" fill="#ffffff">${titleTexts}</text>
${organiserText ? `<text x="${MARGIN}" y="${organiserBaseline}" font-family="${FONT}" font-size="${organiserSize}" fill="#ffffff" fill-opacity="0.9">${escapeXml(organiserText)}</text>` : ''}
<text x="${MARGIN}" y="${moneyBaseline}" font-family="${FONT}" font-size="${moneySize}" font-weight="bold" fill="#ffffff">${escapeXml(moneyText)}</text>
<text x="${width - MARGIN}" y="${moneyBaseline}" text-anchor="end" font-family="${FONT}" font-size="${moneySize}" font-weight="bold" fill="#ffffff" fill-opacity="0.9">${escapeXml(percentText)}</text>
<rect x="${MARGIN}" y="${barY}" width="${textWidthMax}" height="${barHeight}" rx="${barHeight / 2}" fill="#ffffff" fill-opacity="0.28"/>
${fillWidth > 0 ? `<rect x="${MARGIN}" y="${barY}" width="${fillWidth}" height="${barHeight}" rx="${barHeight / 2}" fill="${charity.accentColor}"/>` : ''}
</svg>`
}

/** A path under public/ for a site image URL (`/images/…`), or null for anything else. */
function publicImagePath(url: string): string | null {
	if (!/^\/images\/(?:[a-z0-9_-]+\/)*[a-z0-9_-]+\.(?:svg|png|jpe?g|webp)$/i.test(url)) return null
	return path.join(path.resolve('public'), url)
}

/**
 * The files the background may come from, best first: the campaign's own
 * cover when it is on this server, then its kind's illustration. Covers on
 * other hosts (S3) are not fetched: a slow or hostile host must not hold up
 * a page share.
 */
function backgroundCandidates(campaign: ShareImageCampaign): string[] {
	const candidates: string[] = []
	if (campaign.coverImage) {
		const local = localUploadPath(campaign.coverImage) ?? publicImagePath(campaign.coverImage)
		if (local) candidates.push(local)
	}
	const kindCover = publicImagePath(`/images/kinds/${campaign.kind}.svg`)
	if (kindCover) candidates.push(kindCover)
	return candidates
}

async function renderBackground(campaign: ShareImageCampaign, charity: Charity): Promise<Buffer> {
	for (const file of backgroundCandidates(campaign)) {
		try {
			const input = await readFile(file)
			return await sharp(input, { failOn: 'none', limitInputPixels: 12_000 * 12_000 })
				.resize(SHARE_IMAGE_WIDTH, SHARE_IMAGE_HEIGHT, { fit: 'cover', position: 'attention' })
				.removeAlpha()
				.raw()
				.toBuffer()
		} catch {
			// Missing or unreadable: try the next one.
		}
	}
	// Nothing readable at all: a plain brand-coloured card still works.
	return sharp({
		create: { width: SHARE_IMAGE_WIDTH, height: SHARE_IMAGE_HEIGHT, channels: 3, background: charity.primaryColor },
	})
		.raw()
		.toBuffer()
}

async function renderLogo(charity: Charity): Promise<Buffer | null> {
	const file = publicImagePath(charity.logoUrl)
	if (!file) return null
	try {
		return await sharp(await readFile(file), { density: 300 })
			.resize(LOGO_SIZE, LOGO_SIZE, { fit: 'contain', background: '#ffffff00' })
			.png()
			.toBuffer()
	} catch {
		return null
	}
}

async function renderShareImage(campaign: ShareImageCampaign, charity: Charity): Promise<Buffer> {
	const [background, logo] = await Promise.all([renderBackground(campaign, charity), renderLogo(charity)])
	const overlay = Buffer.from(shareOverlaySvg(campaign, charity, { hasLogo: Boolean(logo) }))
	const layers: sharp.OverlayOptions[] = [{ input: overlay, top: 0, left: 0 }]
	if (logo)
		layers.push({ input: logo, left: PILL.x + PILL.padding, top: PILL.y + Math.round((PILL.height - LOGO_SIZE) / 2) })
	return sharp(background, { raw: { width: SHARE_IMAGE_WIDTH, height: SHARE_IMAGE_HEIGHT, channels: 3 } })
		.composite(layers)
		.png({ compressionLevel: 6 })
		.toBuffer()
}

// Recently made images, keyed by everything drawn on them, so a burst of
// shares does not redraw the same picture; a change to any of it is a new key.
const CACHE_SIZE = 64
const cache = new Map<string, Promise<Buffer>>()

/** The 1200×630 PNG share image of a public campaign (or of an event or team, with its rolled-up total). */
export function campaignShareImage(campaign: ShareImageCampaign): Promise<Buffer> {
	const charity = getCharity()
	const key = JSON.stringify([
		campaign.slug,
		campaign.title,
		campaign.kind,
		campaign.organiserName,
		campaign.byline ?? null,
		campaign.raisedMinor,
		campaign.goalMinor,
		campaign.currency,
		campaign.coverImage,
		charity.name,
		charity.locale,
		charity.primaryColor,
		charity.accentColor,
		charity.logoUrl,
	])
	const cached = cache.get(key)
	if (cached) {
		cache.delete(key)
		cache.set(key, cached)
		return cached
	}
	const rendering = renderShareImage(campaign, charity)
	cache.set(key, rendering)
	rendering.catch(() => cache.delete(key))
	while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!)
	return rendering
}
