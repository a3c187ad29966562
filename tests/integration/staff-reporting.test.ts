import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import { recordMovement } from '#app/donations/ledger.server.ts'
import {
	campaignsCsv,
	coachingComparison,
	csvCell,
	dailyTrend,
	donationsCsv,
	keptOverviewPageData,
	platformOverview,
	topCampaigns,
} from '#app/staff/reporting.server.ts'
import { createCampaign, createPerson, createSucceededDonation } from '#db/factories.server.ts'
import { db } from '#db/index.server.ts'
import { campaigns, donations, emails, type Donation } from '#db/schema.ts'
import { startHttpApp } from '#tests/support/http-app.ts'

/** A refund as the webhook records it: a negative movement, in a transaction. */
async function refund(donation: Donation, amountMinor: number, createdAt = new Date()) {
	await db().transaction(async (tx) => {
		await recordMovement(tx, {
			kind: 'refund',
			amountMinor: -amountMinor,
			currency: donation.currency,
			donationId: donation.id,
			campaignId: donation.campaignId,
			sourceId: `re_${donation.id}_${amountMinor}`,
			createdAt,
		})
	})
}

/** A small CSV reader (RFC 4180) for checking what the exports wrote. */
function parseCsv(text: string): string[][] {
	const rows: string[][] = []
	let row: string[] = []
	let field = ''
	let quoted = false
	for (let i = 0; i < text.length; i++) {
		const char = text[i]!
		if (quoted) {
			if (char === '"' && text[i + 1] === '"') {
				field += '"'
				i++
			} else if (char === '"') quoted = false
			else field += char
		} else if (char === '"') quoted = true
		else if (char === ',') {
			row.push(field)
			field = ''
		} else if (char === '\r' && text[i + 1] === '\n') {
			row.push(field)
			rows.push(row)
			row = []
			field = ''
			i++
		} else field += char
	}
	if (field || row.length) rows.push([...row, field])
	return rows
}

/** The CSV as records keyed by the header row. */
function csvRecords(text: string) {
	const [header, ...rows] = parseCsv(text)
	return rows.map((row) => Object.fromEntries(header!.map((name, i) => [name, row[i]])))
}

describe('platform overview', () => {
	test('totals are the sums of the money record per currency, with refunds subtracted and never mixing currencies', async () => {
		const owner = await createPerson(db())
		const other = await createPerson(db())
		const first = await createCampaign(db(), { ownerId: owner.id })
		const second = await createCampaign(db(), { ownerId: owner.id })
		const euro = await createCampaign(db(), { ownerId: other.id, currency: 'EUR' })
		await createCampaign(db(), { ownerId: other.id })
		await createCampaign(db(), { ownerId: other.id, status: 'draft', publishedAt: null })
		const refunded = await createSucceededDonation(db(), { campaignId: first.id, amountMinor: 2000 })
		await createSucceededDonation(db(), { campaignId: first.id, amountMinor: 1234 })
		await createSucceededDonation(db(), { campaignId: euro.id, amountMinor: 5000, currency: 'EUR' })
		// A campaign whose only gift was refunded in full has raised nothing.
		const onlyGift = await createSucceededDonation(db(), { campaignId: second.id, amountMinor: 700 })
		await refund(refunded, 500)
		await refund(onlyGift, 700)

		const overview = await platformOverview()
		expect(overview.money).toEqual([
			{
				currency: 'EUR',
				raisedMinor: 5000,
				giftCount: 1,
				grossGiftsMinor: 5000,
				refundedMinor: 0,
				disputedMinor: 0,
				reinstatedMinor: 0,
				averageGiftMinor: 5000,
			},
			{
				currency: 'GBP',
				raisedMinor: 2000 + 1234 + 700 - 500 - 700,
				giftCount: 3,
				grossGiftsMinor: 3934,
				refundedMinor: 1200,
				disputedMinor: 0,
				reinstatedMinor: 0,
				averageGiftMinor: Math.round(3934 / 3),
			},
		])
		expect(overview.campaignsByStatus).toEqual({ draft: 1, active: 4, ended: 0, hidden: 0 })
		expect(overview.fundraisers).toBe(2)
		expect(overview.publishedCampaigns).toBe(4)
		expect(overview.campaignsWithGift).toBe(2)
		expect(overview.shareWithGift).toBe(0.5)
		expect(overview.moneyDrift).toBe(0)
	})

	test('a campaign whose stored total disagrees with the money record is reported as drift', async () => {
		const owner = await createPerson(db())
		const campaign = await createCampaign(db(), { ownerId: owner.id, slug: 'drifting-page' })
		await createSucceededDonation(db(), { campaignId: campaign.id, amountMinor: 1000 })
		await db().update(campaigns).set({ raisedMinor: 999 }).where(eq(campaigns.id, campaign.id))
		const overview = await platformOverview()
		expect(overview.moneyDrift).toBe(1)
		expect(overview.driftSlugs).toEqual(['drifting-page'])
		// The page's figures still come from the money record.
		expect(overview.money[0]!.raisedMinor).toBe(1000)
	})

	test('emails are counted by status and an empty platform has no share to divide', async () => {
		await db()
			.insert(emails)
			.values([
				{ template: 'x', causeKey: 'a', toEmail: 'a@example.org', data: {}, status: 'sent' },
				{ template: 'x', causeKey: 'b', toEmail: 'b@example.org', data: {}, status: 'sent' },
				{ template: 'x', causeKey: 'c', toEmail: 'c@example.org', data: {}, status: 'failed' },
			])
		const overview = await platformOverview()
		expect(overview.emailsByStatus).toMatchObject({ sent: 2, failed: 1, queued: 0, bounced: 0 })
		expect(overview.shareWithGift).toBeNull()
		expect(overview.money).toEqual([])
	})

	test('top campaigns are ordered by what they raised net of refunds', async () => {
		const owner = await createPerson(db(), { firstName: 'Ada', lastName: 'Lovelace' })
		const small = await createCampaign(db(), { ownerId: owner.id, slug: 'small' })
		const big = await createCampaign(db(), { ownerId: owner.id, slug: 'big' })
		await createCampaign(db(), { ownerId: owner.id, slug: 'nothing-yet' })
		await createSucceededDonation(db(), { campaignId: small.id, amountMinor: 3000 })
		const gift = await createSucceededDonation(db(), { campaignId: big.id, amountMinor: 9000 })
		await refund(gift, 5000)
		const top = await topCampaigns(10)
		expect(top.map((c) => [c.slug, c.raisedMinor, c.donors])).toEqual([
			['big', 4000, 1],
			['small', 3000, 1],
		])
		expect(top[0]!.ownerName).toBe('Ada Lovelace')
		expect(await topCampaigns(1)).toHaveLength(1)
	})
})

describe('the overview page’s kept figures', () => {
	test('after the first computation a view never waits: stale figures (Gift Aid expected with them) are served while one refresh runs behind them', async () => {
		const owner = await createPerson(db())
		const campaign = await createCampaign(db(), { ownerId: owner.id })
		await createSucceededDonation(db(), { campaignId: campaign.id, amountMinor: 1500 })
		const first = await keptOverviewPageData()
		const raised = (data: typeof first) => data.overview.money.find((m) => m.currency === 'GBP')?.raisedMinor
		expect(raised(first)).toBe(1500)
		expect(first.giftAid).toMatchObject({ currency: 'GBP', expectedMinor: 0, claimedMinor: 0 })

		await createSucceededDonation(db(), { campaignId: campaign.id, amountMinor: 2500 })
		expect(await keptOverviewPageData()).toBe(first)
		vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true })
		try {
			vi.setSystemTime(Date.now() + 31_000)
			// Views that find the figures stale get them at once, from memory, however many come together.
			const stale = await Promise.all(Array.from({ length: 5 }, () => keptOverviewPageData()))
			for (const data of stale) expect(data).toBe(first)
			let fresh = await keptOverviewPageData()
			for (let i = 0; i < 100 && fresh === first; i++) {
				await new Promise((resolve) => setTimeout(resolve, 20))
				fresh = await keptOverviewPageData()
			}
			expect(raised(fresh)).toBe(4000)
			expect(Date.parse(fresh.generatedAt)).toBeGreaterThan(Date.parse(first.generatedAt))
		} finally {
			vi.useRealTimers()
		}
	})
})

describe('daily trend', () => {
	test('has one row per day for 30 days, quiet days as zeros, each day its own net and gift count', async () => {
		const owner = await createPerson(db())
		const campaign = await createCampaign(db(), { ownerId: owner.id })
		const now = new Date('2025-03-30T15:00:00Z')
		const morning = await createSucceededDonation(db(), {
			campaignId: campaign.id,
			amountMinor: 2500,
			succeededAt: new Date('2025-03-10T08:00:00Z'),
		})
		await createSucceededDonation(db(), {
			campaignId: campaign.id,
			amountMinor: 1000,
			succeededAt: new Date('2025-03-10T23:59:00Z'),
		})
		await refund(morning, 2500, new Date('2025-03-12T10:00:00Z'))
		await createSucceededDonation(db(), {
			campaignId: campaign.id,
			amountMinor: 400,
			succeededAt: new Date('2025-03-30T01:00:00Z'),
		})
		// Outside the window, and in another currency: neither counts.
		await createSucceededDonation(db(), {
			campaignId: campaign.id,
			amountMinor: 9999,
			succeededAt: new Date('2025-02-28T12:00:00Z'),
		})
		const euro = await createCampaign(db(), { ownerId: owner.id, currency: 'EUR' })
		await createSucceededDonation(db(), {
			campaignId: euro.id,
			amountMinor: 777,
			currency: 'EUR',
			succeededAt: new Date('2025-03-10T12:00:00Z'),
		})

		const trend = await dailyTrend({ days: 30, currency: 'GBP', now })
		expect(trend).toHaveLength(30)
		expect(trend[0]!.day).toBe('2025-03-01')
		expect(trend.at(-1)).toEqual({ day: '2025-03-30', netMinor: 400, gifts: 1 })
		const byDay = Object.fromEntries(trend.map((d) => [d.day, d]))
		expect(byDay['2025-03-10']).toEqual({ day: '2025-03-10', netMinor: 3500, gifts: 2 })
		expect(byDay['2025-03-12']).toEqual({ day: '2025-03-12', netMinor: -2500, gifts: 0 })
		expect(byDay['2025-03-11']).toEqual({ day: '2025-03-11', netMinor: 0, gifts: 0 })
		expect(trend.filter((d) => d.netMinor === 0 && d.gifts === 0)).toHaveLength(27)
		expect((await dailyTrend({ days: 30, currency: 'EUR', now })).find((d) => d.day === '2025-03-10')!.netMinor).toBe(
			777,
		)
	})
})

describe('coaching comparison', () => {
	test('splits fundraisers, campaigns, raised and share with a gift by coaching arm', async () => {
		const coachedA = await createPerson(db(), { coachingArm: 'coached' })
		const coachedB = await createPerson(db(), { coachingArm: 'coached' })
		await createPerson(db(), { coachingArm: 'coached' })
		const held = await createPerson(db(), { coachingArm: 'holdout' })
		const before = await createPerson(db())
		const a1 = await createCampaign(db(), { ownerId: coachedA.id })
		const a2 = await createCampaign(db(), { ownerId: coachedA.id })
		const b1 = await createCampaign(db(), { ownerId: coachedB.id })
		await createCampaign(db(), { ownerId: coachedB.id, status: 'draft', publishedAt: null })
		await createCampaign(db(), { ownerId: held.id })
		const n1 = await createCampaign(db(), { ownerId: before.id })
		await createSucceededDonation(db(), { campaignId: a1.id, amountMinor: 1000 })
		await createSucceededDonation(db(), { campaignId: a2.id, amountMinor: 3000 })
		await createSucceededDonation(db(), { campaignId: b1.id, amountMinor: 8000 })
		await createSucceededDonation(db(), { campaignId: n1.id, amountMinor: 250 })

		const [coached, holdout, none] = await coachingComparison()
		expect(coached).toEqual({
			arm: 'coached',
			members: 3,
			fundraisers: 2,
			campaigns: 3,
			campaignsWithGift: 3,
			shareWithGift: 1,
			raised: [{ currency: 'GBP', raisedMinor: 12_000, medianMinor: 3000 }],
		})
		expect(holdout).toEqual({
			arm: 'holdout',
			members: 1,
			fundraisers: 1,
			campaigns: 1,
			campaignsWithGift: 0,
			shareWithGift: 0,
			raised: [{ currency: 'GBP', raisedMinor: 0, medianMinor: 0 }],
		})
		expect(none).toMatchObject({
			arm: 'none',
			members: null,
			fundraisers: 1,
			campaigns: 1,
			shareWithGift: 1,
			raised: [{ currency: 'GBP', raisedMinor: 250, medianMinor: 250 }],
		})
	})
})

describe('CSV exports', () => {
	test('a cell is quoted when it holds a comma, quote or line break, and a formula gets a leading apostrophe', () => {
		expect(csvCell('plain')).toBe('plain')
		expect(csvCell('Smith, Jo')).toBe('"Smith, Jo"')
		expect(csvCell('say "hi"')).toBe('"say ""hi"""')
		expect(csvCell('two\nlines')).toBe('"two\nlines"')
		expect(csvCell('=1+1')).toBe("'=1+1")
		expect(csvCell('+44 20')).toBe("'+44 20")
		expect(csvCell('-5')).toBe("'-5")
		expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)")
		expect(csvCell('\tx')).toBe("'\tx")
		expect(csvCell('\rx')).toBe('"\'\rx"')
		expect(csvCell(null)).toBe('')
		expect(csvCell(true)).toBe('true')
		expect(csvCell(new Date('2025-01-02T03:04:05Z'))).toBe('2025-01-02T03:04:05.000Z')
	})

	test('the donations CSV has a header, one row per donation, exact decimal amounts and safe donor text', async () => {
		const owner = await createPerson(db())
		const campaign = await createCampaign(db(), { ownerId: owner.id, slug: 'polar-dip' })
		const gift = await createSucceededDonation(db(), {
			campaignId: campaign.id,
			amountMinor: 1234,
			donorName: 'Smith, "Jo"',
			message: 'Line one\nLine two',
			succeededAt: new Date('2025-04-01T10:00:00Z'),
		})
		await db()
			.update(donations)
			.set({ donorEmail: 'jo@example.com', coverFeeMinor: 39 })
			.where(eq(donations.id, gift.id))
		await refund(gift, 234)
		await createSucceededDonation(db(), {
			campaignId: campaign.id,
			amountMinor: 500,
			donorName: '=HYPERLINK("http://evil.example","click")',
			anonymous: true,
			hideAmount: true,
			succeededAt: new Date('2025-04-02T10:00:00Z'),
		})
		const yen = await createCampaign(db(), { ownerId: owner.id, slug: 'polar-dip-tokyo', currency: 'JPY' })
		await createSucceededDonation(db(), {
			campaignId: yen.id,
			amountMinor: 1,
			currency: 'JPY',
			succeededAt: new Date('2025-04-03T10:00:00Z'),
		})

		const csv = await donationsCsv()
		expect(csv.split('\r\n')[0]).toBe(
			'donation_id,created_at,succeeded_at,status,channel,campaign_slug,campaign_title,currency,amount,cover_fee,total_charged,refunded,disputed,dispute_status,net_received,donor_name,donor_email,anonymous,hide_amount,marketing_opt_in,updates_opt_in,share_email_with_fundraiser,message,offline_note,offline_confirmed_at,stripe_payment_intent',
		)
		expect(csv).toContain('"Smith, ""Jo"""')
		expect(csv).toContain('"Line one\nLine two"')
		const records = csvRecords(csv)
		expect(records).toHaveLength(3)
		expect(records[0]).toMatchObject({
			donation_id: gift.id,
			succeeded_at: '2025-04-01T10:00:00.000Z',
			status: 'partially_refunded',
			channel: 'online',
			campaign_slug: 'polar-dip',
			currency: 'GBP',
			amount: '12.34',
			cover_fee: '0.39',
			total_charged: '12.73',
			refunded: '2.34',
			disputed: '0',
			dispute_status: '',
			net_received: '10',
			donor_name: 'Smith, "Jo"',
			donor_email: 'jo@example.com',
			anonymous: 'false',
			message: 'Line one\nLine two',
		})
		expect(records[1]).toMatchObject({
			donor_name: `'=HYPERLINK("http://evil.example","click")`,
			anonymous: 'true',
			hide_amount: 'true',
			amount: '5',
		})
		expect(records[2]).toMatchObject({ currency: 'JPY', amount: '1' })

		const april2 = csvRecords(await donationsCsv({ from: '2025-04-02', to: '2025-04-02' }))
		expect(april2.map((r) => r.amount)).toEqual(['5'])
		expect(csvRecords(await donationsCsv({ from: '2025-04-03' })).map((r) => r.currency)).toEqual(['JPY'])
	})

	test('the campaigns CSV lists every campaign with its owner and ledger totals', async () => {
		const owner = await createPerson(db(), {
			firstName: '@Ann',
			lastName: 'Lee',
			email: 'ann@example.org',
			coachingArm: 'holdout',
		})
		const campaign = await createCampaign(db(), {
			ownerId: owner.id,
			slug: 'ann-runs',
			title: 'Ann runs, fast',
			goalMinor: 100_000,
		})
		await createCampaign(db(), { ownerId: owner.id, slug: 'ann-draft', status: 'draft', publishedAt: null })
		await createSucceededDonation(db(), { campaignId: campaign.id, amountMinor: 1234 })
		const records = csvRecords(await campaignsCsv())
		expect(records).toHaveLength(2)
		expect(records.find((r) => r.slug === 'ann-runs')).toMatchObject({
			title: 'Ann runs, fast',
			status: 'active',
			currency: 'GBP',
			goal: '1000',
			raised: '12.34',
			donors: '1',
			owner_first_name: "'@Ann",
			owner_email: 'ann@example.org',
			owner_coaching_arm: 'holdout',
		})
	})
})

describe('staff reporting over HTTP', () => {
	let app: Awaited<ReturnType<typeof startHttpApp>>
	beforeAll(async () => {
		app = await startHttpApp()
	})
	afterAll(async () => {
		await app?.close()
	})

	const get = (path: string, cookie?: string) => app.get(path, cookie)

	const signIn = (email: string) => app.signIn(email)

	const staffPaths = ['/staff', '/staff/exports/donations.csv', '/staff/exports/campaigns.csv']

	test('signed-out visitors are sent to sign in; supporters are refused with 403', async () => {
		for (const path of staffPaths) {
			const response = await get(path)
			expect(response.status, path).toBe(302)
			expect(response.headers.get('location'), path).toBe(`/login?redirectTo=${encodeURIComponent(path)}`)
		}
		const supporter = await signIn('supporter@example.org')
		for (const path of staffPaths) {
			const response = await get(path, supporter)
			expect(response.status, path).toBe(403)
			expect(response.headers.get('content-type'), path).not.toMatch(/text\/csv/)
		}
	})

	test('staff see the overview and download the CSVs as attachments; a bad date is a 400', async () => {
		await createPerson(db(), { email: 'director@example.org', role: 'staff', firstName: 'Dana' })
		const owner = await createPerson(db(), { firstName: 'Sofia', lastName: 'Runs' })
		const campaign = await createCampaign(db(), {
			ownerId: owner.id,
			slug: 'sofia-runs',
			title: 'Sofia runs for freedom',
		})
		await createSucceededDonation(db(), { campaignId: campaign.id, amountMinor: 1234, donorName: 'Hannah Lee' })
		const cookie = await signIn('director@example.org')

		const page = await get('/staff', cookie)
		expect(page.status).toBe(200)
		const html = await page.text()
		expect(html).toContain('<h1 class="text-3xl font-bold">Overview</h1>')
		expect(html).toContain('£12.34')
		expect(html).toContain('Sofia runs for freedom')
		expect(html).toContain('no drift')
		expect(html).toMatch(/<svg role="img" aria-label="Daily amounts raised in GBP[^"]*£12.34 net from 1 gift/)
		expect(html).toContain('href="/staff/exports/donations.csv"')
		expect(html).toContain('href="/staff/exports/campaigns.csv"')
		expect(html).toContain('COACHING_HOLDOUT_PERCENT')

		const today = new Date().toISOString().slice(0, 10)
		const csv = await get('/staff/exports/donations.csv', cookie)
		expect(csv.status).toBe(200)
		expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8')
		expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="donations-${today}.csv"`)
		expect(csv.headers.get('cache-control')).toBe('no-store')
		const bytes = new Uint8Array(await csv.arrayBuffer())
		// A byte-order mark first, so Excel reads the file as UTF-8.
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
		const records = csvRecords(new TextDecoder().decode(bytes))
		expect(records).toHaveLength(1)
		expect(records[0]).toMatchObject({ donor_name: 'Hannah Lee', amount: '12.34', campaign_slug: 'sofia-runs' })

		const campaignsFile = await get('/staff/exports/campaigns.csv', cookie)
		expect(campaignsFile.status).toBe(200)
		expect(campaignsFile.headers.get('content-disposition')).toBe(`attachment; filename="campaigns-${today}.csv"`)
		expect(csvRecords(await campaignsFile.text()).map((r) => r.slug)).toEqual(['sofia-runs'])

		// Each download is read to its end: one export per staff member runs at a time, and it runs until then.
		for (const query of [`from=${today}&to=${today}`, 'from=']) {
			const download = await get(`/staff/exports/donations.csv?${query}`, cookie)
			expect(download.status, query).toBe(200)
			await download.text()
		}
		for (const query of [
			'from=yesterday',
			'from=2025-13-01',
			'to=2025-01-01%27%3B--',
			'from=2025-02-01&to=2025-01-01',
		]) {
			const bad = await get(`/staff/exports/donations.csv?${query}`, cookie)
			expect(bad.status, query).toBe(400)
			expect(bad.headers.get('content-type'), query).not.toMatch(/text\/csv/)
		}
	})
})
