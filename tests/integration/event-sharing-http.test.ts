import { randomBytes } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import QRCode from 'qrcode'
import sharp from 'sharp'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { getCharity } from '#app/config/charity.server.ts'
import { recordSucceededDonation } from '#app/donations/webhooks.server.ts'
import { setEventState } from '#app/events/events.server.ts'
import { joinEventInTransaction, type TeamChoice } from '#app/events/join.server.ts'
import { campaignShareImage, shareOverlaySvg } from '#app/sharing/share-image.server.ts'
import { createPerson } from '#db/factories.server.ts'
import { db } from '#db/index.server.ts'
import { campaigns, donations, teams, type Event, type Person } from '#db/schema.ts'
import { createOpenEvent } from '#tests/support/events.ts'
import { startHttpApp } from '#tests/support/http-app.ts'

const APP = 'http://localhost:3000'
let app: Awaited<ReturnType<typeof startHttpApp>>
let staff: Person
let eventRow: Event

beforeAll(async () => {
	app = await startHttpApp()
})
afterAll(async () => {
	await app?.close()
})
beforeEach(async () => {
	staff = await createPerson(db(), { firstName: 'Sara', role: 'staff' })
	eventRow = await createOpenEvent(staff, { name: 'Polar Dip 2027', goalMinor: 1_000_000 })
})

/** A participant joins (the seed's path, without emails) and gets their page's id. */
async function participant(firstName: string, team: TeamChoice) {
	const person = await createPerson(db(), {
		firstName,
		lastName: 'Tester',
		email: `${firstName.toLowerCase()}-${randomBytes(4).toString('hex')}@example.org`,
	})
	const joined = await db().transaction((tx) =>
		joinEventInTransaction(
			tx,
			person,
			eventRow.id,
			{ title: `${firstName}’s dip`, story: 'Into the sea.', goalMinor: 25_000, team },
			{ coachingEmails: false },
		),
	)
	if (!('id' in joined)) throw new Error(JSON.stringify(joined))
	return joined.id
}

/** A gift counted through the webhook's own path. */
async function give(campaignId: string, amountMinor: number) {
	await db().transaction(async (tx) => {
		const [donation] = await tx
			.insert(donations)
			.values({ campaignId, donorName: 'A friend', amountMinor, currency: 'GBP', status: 'pending' })
			.returning()
		await recordSucceededDonation(tx, donation!, `pi_${donation!.id}`)
	})
}

const giftPageOf = async (purpose: 'event' | 'team') =>
	(
		await db()
			.select()
			.from(campaigns)
			.where(and(eq(campaigns.eventId, eventRow.id), eq(campaigns.purpose, purpose)))
	)[0]!

/** An event with a participant alone (£40), a team (a member's £25, £10 to the team) and £75 given to the event. */
async function eventWithGifts() {
	const alone = await participant('Ola', { kind: 'alone' })
	const captain = await participant('Cara', { kind: 'start', name: 'The Icebergs', goalMinor: 50_000 })
	const [team] = await db().select().from(teams).where(eq(teams.eventId, eventRow.id))
	await give(alone, 4_000)
	await give(captain, 2_500)
	await give((await giftPageOf('team')).id, 1_000)
	await give((await giftPageOf('event')).id, 7_500)
	return { team: team! }
}

describe('event and team share images, progress cards and QR codes', () => {
	test('the event’s share image shows the whole event total (pages + teams + direct) against its goal, cached 5 minutes', async () => {
		await eventWithGifts()
		const response = await fetch(`${app.origin}/e/${eventRow.slug}/share.png`)
		expect(response.status).toBe(200)
		expect(response.headers.get('content-type')).toBe('image/png')
		expect(response.headers.get('cache-control')).toBe('public, max-age=300')
		const png = Buffer.from(await response.arrayBuffer())
		expect(await sharp(png).metadata()).toMatchObject({ format: 'png', width: 1200, height: 630 })
		const drawn = {
			slug: `event:${eventRow.slug}`,
			title: 'Polar Dip 2027',
			kind: 'challenge' as const,
			organiserName: '',
			byline: `Polar dip · ${new Intl.DateTimeFormat('en-GB', { timeZone: eventRow.timeZone, day: 'numeric', month: 'long', year: 'numeric' }).format(eventRow.startsAt)} · Portobello Beach`,
			raisedMinor: 15_000,
			goalMinor: 1_000_000,
			currency: 'GBP',
			coverImage: null,
		}
		expect(png.equals(await campaignShareImage(drawn))).toBe(true)
		// Only the direct gifts (the event's own gift page) would be £75: the picture is not that one.
		expect(png.equals(await campaignShareImage({ ...drawn, raisedMinor: 7_500 }))).toBe(false)
		const overlay = shareOverlaySvg(drawn, getCharity(), { hasLogo: false })
		expect(overlay).toContain('£150 raised of £10,000')
		expect(overlay).toContain('Polar dip · ')
		expect(overlay).not.toContain('Organised by')
	})

	test('the team’s share image and card show the team’s total against the team goal', async () => {
		const { team } = await eventWithGifts()
		const image = await fetch(`${app.origin}/e/${eventRow.slug}/t/${team.slug}/share.png`)
		expect(image.status).toBe(200)
		expect(image.headers.get('cache-control')).toBe('public, max-age=300')
		const card = await fetch(`${app.origin}/e/${eventRow.slug}/t/${team.slug}/widget`)
		expect(card.status).toBe(200)
		const html = await card.text()
		expect(html).toContain('The Icebergs')
		expect(html).toContain('£35 <span class="goal">raised of £500</span>')
		expect(html).toContain('Team in Polar Dip 2027')
		expect(html).toContain(`href="${APP}/f/${(await giftPageOf('team')).slug}/donate"`)
	})

	test('the event’s progress card: the whole total, its donors and a Donate link to the event, script-free and cached a minute', async () => {
		await eventWithGifts()
		const response = await fetch(`${app.origin}/e/${eventRow.slug}/widget`)
		expect(response.status).toBe(200)
		expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
		expect(response.headers.get('cache-control')).toBe('public, max-age=60')
		const html = await response.text()
		expect(html).toContain('£150 <span class="goal">raised of £10,000</span>')
		expect(html).toContain('4 donors')
		expect(html).toContain(`href="${APP}/f/${(await giftPageOf('event')).slug}/donate"`)
		expect(html).not.toContain('<script')

		// Once the event's gifts have closed, the card says so and offers no Donate.
		await db()
			.update(campaigns)
			.set({ status: 'ended' })
			.where(eq(campaigns.id, (await giftPageOf('event')).id))
		const ended = await (await fetch(`${app.origin}/e/${eventRow.slug}/widget`)).text()
		expect(ended).toContain('4 donors · ended')
		expect(ended).not.toContain('class="donate"')
	})

	test('QR codes encode the event’s and the team’s own address, and download under their names', async () => {
		const { team } = await eventWithGifts()
		const qrOptions = { errorCorrectionLevel: 'M', margin: 2, color: { dark: '#0b4f6c', light: '#ffffff' } } as const
		const svg = await fetch(`${app.origin}/e/${eventRow.slug}/qr.svg?download=1`)
		expect(svg.headers.get('cache-control')).toBe('public, max-age=86400')
		expect(svg.headers.get('content-disposition')).toBe(`attachment; filename="${eventRow.slug}-qr.svg"`)
		expect(await svg.text()).toBe(await QRCode.toString(`${APP}/e/${eventRow.slug}`, { type: 'svg', ...qrOptions }))
		const png = Buffer.from(await (await fetch(`${app.origin}/e/${eventRow.slug}/t/${team.slug}/qr.png`)).arrayBuffer())
		expect(
			png.equals(
				await QRCode.toBuffer(`${APP}/e/${eventRow.slug}/t/${team.slug}`, { type: 'png', width: 600, ...qrOptions }),
			),
		).toBe(true)
	})

	test('the event and team pages point their Open Graph image at these pictures and offer the embed code', async () => {
		const { team } = await eventWithGifts()
		const eventHtml = await (await fetch(`${app.origin}/e/${eventRow.slug}`)).text()
		expect(eventHtml).toContain(`<meta property="og:image" content="${APP}/e/${eventRow.slug}/share.png"/>`)
		expect(eventHtml).toContain('summary_large_image')
		expect(eventHtml).toContain(`src="/e/${eventRow.slug}/qr.svg"`)
		expect(eventHtml).toContain(`href="/e/${eventRow.slug}/qr.png?download=1"`)
		expect(eventHtml).toContain(`&lt;iframe src=&quot;${APP}/e/${eventRow.slug}/widget&quot;`)
		const teamHtml = await (await fetch(`${app.origin}/e/${eventRow.slug}/t/${team.slug}`)).text()
		expect(teamHtml).toContain(
			`<meta property="og:image" content="${APP}/e/${eventRow.slug}/t/${team.slug}/share.png"/>`,
		)
		expect(teamHtml).toContain(`&lt;iframe src=&quot;${APP}/e/${eventRow.slug}/t/${team.slug}/widget&quot;`)
	})

	test('a draft event’s and an unknown team’s pictures are not found, and the 404 is not cached', async () => {
		const { team } = await eventWithGifts()
		for (const path of [`/e/${eventRow.slug}/t/no-such-team/share.png`, `/e/no-such-event/widget`]) {
			const response = await fetch(app.origin + path)
			expect(response.status, path).toBe(404)
			expect(response.headers.get('cache-control'), path).toBe('no-store')
		}
		await setEventState(eventRow.id, 'draft')
		for (const path of [
			`/e/${eventRow.slug}/share.png`,
			`/e/${eventRow.slug}/widget`,
			`/e/${eventRow.slug}/qr.svg`,
			`/e/${eventRow.slug}/t/${team.slug}/qr.png`,
		])
			expect((await fetch(app.origin + path)).status, path).toBe(404)
	})
})
