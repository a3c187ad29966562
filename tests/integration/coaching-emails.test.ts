import { describe, expect, test } from 'vitest'
import { getCharity } from '#app/config/charity.server.ts'
import { renderGuidePdf } from '#app/guide/guide-pdf.server.ts'
import { guideSections, guideTitle } from '#app/guide/tips.ts'
import { campaignEndedEmail } from '#emails/campaign-ended.ts'
import { campaignLastDaysEmail } from '#emails/campaign-last-days.ts'
import { campaignLiveEmail } from '#emails/campaign-live.ts'
import { campaignNudgeEmail } from '#emails/campaign-nudge.ts'
import { campaignUpdateEmail } from '#emails/campaign-update.ts'
import { firstDonationEmail } from '#emails/first-donation.ts'
import { type EmailContext, type RenderedEmail } from '#emails/layout.ts'
import { milestoneEmail, type MilestonePercent } from '#emails/milestone.ts'
import { signupDay2Email } from '#emails/signup-day2.ts'
import { signupDay5Email } from '#emails/signup-day5.ts'
import { signupDay9Email } from '#emails/signup-day9.ts'
import { signupWelcomeEmail } from '#emails/signup-welcome.ts'

const appUrl = 'https://give.example.org'
const unsubscribeUrl = 'https://give.example.org/email/unsubscribe?t=x'
const hostile = '<script>alert(1)</script>'

function context(): EmailContext {
	return {
		charity: getCharity(),
		appUrl,
		unsubscribeUrl,
		preferencesUrl: 'https://give.example.org/email/preferences?t=x',
	}
}

const pageUrl = `${appUrl}/f/ada-birthday`
const dashboardUrl = `${appUrl}/dashboard/c-123`
const campaign = {
	firstName: 'Ada',
	campaignTitle: 'Ada’s birthday for freedom',
	campaignSlug: 'ada-birthday',
	campaignId: 'c-123',
}
const money = { raisedMinor: 25_000, goalMinor: 50_000, currency: 'GBP' }

/** Every template, rendered for a fundraiser with the given first name and campaign title. */
function renderAll(firstName: string, campaignTitle = campaign.campaignTitle): Record<string, RenderedEmail> {
	const ctx = context()
	const c = { ...campaign, firstName, campaignTitle }
	return {
		'signup-day2': signupDay2Email({ firstName }, ctx),
		'signup-day5': signupDay5Email({ firstName, idea: 'challenge', ideaLabel: 'Polar dip / challenge' }, ctx),
		'signup-day9': signupDay9Email({ firstName }, ctx),
		'campaign-live': campaignLiveEmail(c, ctx),
		'campaign-nudge': campaignNudgeEmail(c, ctx),
		'first-donation': firstDonationEmail(
			{ ...c, donorDisplayName: 'Grace Hopper', amountMinor: 2_500, currency: 'GBP' },
			ctx,
		),
		'milestone-25': milestoneEmail({ ...c, ...money, raisedMinor: 12_500, percent: 25 }, ctx),
		'milestone-50': milestoneEmail({ ...c, ...money, percent: 50 }, ctx),
		'milestone-75': milestoneEmail({ ...c, ...money, raisedMinor: 37_500, percent: 75 }, ctx),
		'milestone-100': milestoneEmail({ ...c, ...money, raisedMinor: 50_000, percent: 100 }, ctx),
		'campaign-last-days': campaignLastDaysEmail({ ...c, ...money, endsOn: '2026-06-14' }, ctx),
		'campaign-ended': campaignEndedEmail({ ...c, ...money, donorCount: 7 }, ctx),
		'campaign-ended-empty': campaignEndedEmail({ ...c, ...money, raisedMinor: 0, donorCount: 0 }, ctx),
		'campaign-update': campaignUpdateEmail(
			{
				donorName: firstName,
				fundraiserName: 'Ada Lovelace',
				campaignTitle,
				campaignSlug: c.campaignSlug,
				updateBody: 'Training is going well.\nThank you!',
			},
			ctx,
		),
	}
}

function unescapeHtml(value: string) {
	return value
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&amp;/g, '&')
}

function hrefs(html: string) {
	return [...html.matchAll(/href="([^"]*)"/g)].map((match) => unescapeHtml(match[1]!))
}

/** The links each template exists to deliver. */
const keyLinks: Record<string, string[]> = {
	'signup-day2': [`${appUrl}/start`, `${appUrl}/start?kind=birthday`, `${appUrl}/start?kind=own_idea`],
	'signup-day5': [`${appUrl}/start?kind=challenge`],
	'signup-day9': [`${appUrl}/start`, `${appUrl}/guide/25-tips`],
	'campaign-live': [
		pageUrl,
		`${pageUrl}/qr.png?download=1`,
		dashboardUrl,
		'https://wa.me/?text=',
		'https://www.facebook.com/sharer/sharer.php?u=',
		'https://twitter.com/intent/tweet?text=',
		'mailto:?subject=',
	],
	'campaign-nudge': [pageUrl, dashboardUrl],
	'first-donation': [pageUrl, dashboardUrl],
	'milestone-25': [pageUrl, dashboardUrl],
	'milestone-50': [pageUrl, dashboardUrl],
	'milestone-75': [pageUrl, dashboardUrl],
	'milestone-100': [pageUrl, `${dashboardUrl}/edit`],
	'campaign-last-days': [pageUrl, dashboardUrl, 'https://wa.me/?text='],
	'campaign-ended': [pageUrl, dashboardUrl],
	'campaign-ended-empty': [pageUrl, `${appUrl}/start`],
	'campaign-update': [pageUrl],
}

describe('coaching emails', () => {
	test('every template has a short subject and carries its key links, and the unsubscribe link, in both parts', () => {
		const rendered = renderAll('Ada')
		expect(Object.keys(rendered).sort()).toEqual(Object.keys(keyLinks).sort())
		for (const [name, email] of Object.entries(rendered)) {
			expect(email.subject.trim(), name).not.toBe('')
			expect(email.subject.length, `${name}: ${email.subject}`).toBeLessThan(60)
			const links = hrefs(email.html)
			for (const link of [...keyLinks[name]!, unsubscribeUrl]) {
				expect(
					links.some((href) => href.startsWith(link)),
					`${name} html links to ${link}`,
				).toBe(true)
				expect(email.text, `${name} text has ${link}`).toContain(link)
			}
			expect(email.html, name).toContain('class="card"')
		}
	})

	test('the plain-text part carries every link the HTML part has', () => {
		for (const [name, email] of Object.entries(renderAll('Ada'))) {
			for (const href of hrefs(email.html)) {
				// The footer's contact address is written out in the text part without "mailto:".
				const expected = /^mailto:[^?]+$/.test(href) ? href.slice('mailto:'.length) : href
				expect(email.text, `${name} text has ${href}`).toContain(expected)
			}
		}
	})

	test('a hostile campaign title, name or update is escaped in HTML', () => {
		const rendered = renderAll(hostile, hostile)
		rendered['update'] = campaignUpdateEmail(
			{
				donorName: hostile,
				fundraiserName: hostile,
				campaignTitle: hostile,
				campaignSlug: 'x',
				updateBody: `${hostile}\n<img src=x onerror=alert(1)>`,
			},
			context(),
		)
		rendered['first-donation-hostile-donor'] = firstDonationEmail(
			{ ...campaign, donorDisplayName: hostile, amountMinor: null, currency: 'GBP' },
			context(),
		)
		for (const [name, email] of Object.entries(rendered)) {
			expect(email.html, name).not.toContain('<script>')
			expect(email.html, name).not.toContain('<img src=x')
		}
		expect(rendered['campaign-live']!.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
	})

	test('every template works with no first name', () => {
		for (const [name, email] of Object.entries(renderAll(''))) {
			expect(email.text, name).toMatch(/^(Hi there,|Hello,)$/m)
			expect(email.html, name).toMatch(/(Hi there,|Hello,)/)
			for (const part of [email.text, email.html]) expect(part, name).not.toMatch(/\b(Hi|Dear) ?,/)
			expect(email.subject, name).not.toMatch(/undefined|null/)
		}
	})

	test('the milestone email suggests raising the goal only at 100%', () => {
		const ctx = context()
		const at = (percent: MilestonePercent, raisedMinor: number) =>
			milestoneEmail({ ...campaign, ...money, raisedMinor, percent }, ctx)
		const full = at(100, 50_000)
		expect(hrefs(full.html)).toContain(`${dashboardUrl}/edit`)
		expect(full.text).toContain(`${dashboardUrl}/edit`)
		expect(full.html).toMatch(/rais(e|ing) your goal/i)
		expect(full.text).toContain('£500')
		for (const [percent, raised] of [
			[25, 12_500],
			[50, 25_000],
			[75, 37_500],
		] as const) {
			const partial = at(percent, raised)
			expect(partial.html, String(percent)).not.toContain('/edit')
			expect(partial.text, String(percent)).not.toContain('/edit')
			expect(partial.html, String(percent)).not.toMatch(/rais(e|ing) (your|the) goal/i)
		}
		expect(at(50, 25_000).text).toContain('£250 to go')
		expect(new Set([25, 50, 75, 100].map((p) => at(p as MilestonePercent, 1).subject)).size).toBe(4)
	})

	test('campaign-live has the QR code with alt text and three guide tips, without markdown', () => {
		const { html, text } = campaignLiveEmail(campaign, context())
		expect(html).toContain(`<img src="${pageUrl}/qr.png" width="160" height="160" alt="QR code for your fundraiser"`)
		const tips = guideSections.flatMap((section) => section.tips)
		const included = tips.filter((tip) => html.includes(tip.title) && text.includes(tip.title))
		expect(included.map((tip) => tip.number)).toEqual([6, 8, 13])
		expect(html).toContain('<strong>34% of the time, compared with 12%</strong>')
		expect(html).not.toContain('**')
		expect(text).not.toContain('**')
		expect(text).not.toContain('{shortName}')
		// Share links are URL-encoded: no raw spaces in the href.
		for (const href of hrefs(html)) expect(href).not.toMatch(/\s/)
	})

	test('the update email keeps line breaks and the donor’s greeting', () => {
		const { html, text, subject } = campaignUpdateEmail(
			{
				donorName: 'Grace',
				fundraiserName: 'Ada Lovelace',
				campaignTitle: 'Run',
				campaignSlug: 'ada-run',
				updateBody: 'Line one\nLine two',
			},
			context(),
		)
		expect(subject).toBe('News from Ada Lovelace')
		expect(html).toContain('white-space:pre-wrap">Line one\nLine two</blockquote>')
		expect(text).toContain('Line one\nLine two')
		expect(text).toContain('Dear Grace,')
		const long = campaignUpdateEmail(
			{ donorName: '', fundraiserName: 'A'.repeat(200), campaignTitle: 'Run', campaignSlug: 'r', updateBody: 'x' },
			context(),
		)
		expect(long.subject.length).toBeLessThan(60)
	})

	test('the ended email summarises the total and the donors', () => {
		const { html, text, subject } = campaignEndedEmail(
			{ ...campaign, raisedMinor: 61_250, goalMinor: 50_000, currency: 'GBP', donorCount: 14 },
			context(),
		)
		expect(subject).toContain('£612.50')
		expect(text).toContain('Together with 14 people, you raised £612.50')
		expect(html).toContain('122% of your £500 goal')
	})
})

// The standard fonts draw text in WinAnsi (Windows-1252), which differs from Latin-1 only in 0x80–0x9f: ’ is 0x92.
// (Some Node versions decode "windows-1252" as plain Latin-1, so the differences are spelled out here.)
const winAnsiHigh: Record<number, string> = {
	0x80: '€',
	0x85: '…',
	0x91: '‘',
	0x92: '’',
	0x93: '“',
	0x94: '”',
	0x95: '•',
	0x96: '–',
	0x97: '—',
}
const winAnsi = {
	decode: (bytes: Buffer) => [...bytes].map((byte) => winAnsiHigh[byte] ?? String.fromCharCode(byte)).join(''),
}

/** The text pdfkit drew, from uncompressed content streams: hex-encoded TJ runs, one per line. */
function pdfText(pdf: Buffer) {
	const raw = pdf.toString('latin1')
	const lines = [...raw.matchAll(/\[([^\]]*)\] TJ/g)].map((match) =>
		[...match[1]!.matchAll(/<([0-9a-f]*)>/gi)].map((hex) => winAnsi.decode(Buffer.from(hex[1]!, 'hex'))).join(''),
	)
	return lines.join(' ').replace(/\s+/g, ' ')
}

describe('guide PDF', () => {
	test('renders the guide as a multi-page A4 PDF with its text', async () => {
		const charity = getCharity()
		const pdf = await renderGuidePdf(charity, { compress: false, startUrl: `${appUrl}/start` })
		expect(Buffer.isBuffer(pdf)).toBe(true)
		expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
		const pages = pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? []
		expect(pages.length).toBeGreaterThanOrEqual(3)
		expect(pdf.toString('latin1')).toContain('/MediaBox [0 0 595.28 841.89]')
		const text = pdfText(pdf)
		expect(text).toContain(guideTitle)
		expect(text).toContain(charity.name.toUpperCase())
		for (const tip of guideSections.flatMap((section) => section.tips)) expect(text).toContain(tip.title)
		expect(text).not.toContain('**')
		expect(text).not.toContain('{shortName}')
		expect(text).toContain(`Start your page: ${appUrl}/start`)
		expect(text).toContain(charity.registration)
		expect(text).toContain(`Page 1 of ${pages.length}`)
	})

	test('compresses by default', async () => {
		const pdf = await renderGuidePdf(getCharity())
		expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
		expect(pdf.toString('latin1')).toContain('/FlateDecode')
	})
})

describe('the welcome email', () => {
	test.each([
		['birthday', 'a birthday fundraiser'],
		['challenge', 'a polar dip or another challenge'],
		['run_walk_ride', 'a run, walk or ride'],
		['celebration', 'a wedding or celebration'],
		['in_memory', 'a page in memory of someone'],
		['own_idea', 'your own idea'],
	])('writes the idea %s as a phrase in a sentence', (idea, phrase) => {
		const email = signupWelcomeEmail({ firstName: 'Ada', idea }, context())
		expect(email.text).toContain(`You told us you are thinking about ${phrase} — a wonderful way`)
		expect(email.html).toContain(`thinking about <strong>${phrase}</strong>`)
	})
})
