import { eq, sql } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { createClaimBatch } from '#app/gift-aid/claims.server.ts'
import { scheduleFileResponse, scheduleFilesOf } from '#app/gift-aid/schedule-files.server.ts'
import { SCHEDULE_HEADERS, scheduleRows, type ScheduleGift } from '#app/gift-aid/schedule.ts'
import { GIFT_AID_WORDING_VERSION } from '#app/gift-aid/wording.ts'
import { newFormToken } from '#app/utils/form-token.server.ts'
import { createCampaign, createPerson } from '#db/factories.server.ts'
import { db } from '#db/index.server.ts'
import { auditLog, giftAidDeclarations, type Person } from '#db/schema.ts'
import { giftAidGift } from '#tests/support/gift-aid.ts'
import { readOds } from '#tests/support/ods-reader.ts'

// A fixed "now", so the gifts' UK days are known: 3 April 2026 23:30 UTC is 4 April in London (summer time).
const NOW = new Date('2026-06-01T12:00:00Z')
const LATE_EVENING = new Date('2026-04-03T23:30:00Z')

async function setup() {
	const staff = await createPerson(db(), { email: 'sam.staff@charity.example', role: 'staff' })
	const owner = await createPerson(db(), { email: 'nia@example.com', firstName: 'Nia', lastName: 'Okafor' })
	const campaign = await createCampaign(db(), { ownerId: owner.id, slug: 'polar-dip', title: 'Nia’s polar dip' })
	return { staff, campaign }
}

async function batch(staff: Person) {
	const made = await createClaimBatch(staff, newFormToken(), NOW)
	if (made.status !== 'created') throw new Error(`expected a batch, got ${made.status}`)
	return made.id
}

async function download(staff: Person, claimId: string, format: 'ods' | 'csv', query = '') {
	const request = new Request(`http://app.test/staff/gift-aid/${claimId}/schedule.${format}${query}`)
	return scheduleFileResponse(request, staff, claimId, format)
}

/** CSV records (the schedule has no quoted line breaks), without the byte-order mark. */
const csvRecords = (text: string) =>
	text
		.replace(/^\uFEFF/, '')
		.split('\r\n')
		.filter(Boolean)
		.map((line) => line.split(','))

describe('the HMRC schedule file', () => {
	test('has HMRC’s columns in order, UK dates as DD/MM/YY, amounts with two decimals and X for a donor overseas', async () => {
		const { staff, campaign } = await setup()
		const jane = await giftAidGift(campaign.id, {
			amountMinor: 1250,
			madeAt: LATE_EVENING,
			declaration: {
				title: 'Mrs',
				firstName: 'Jane',
				lastName: 'Smith-Jones',
				houseNameOrNumber: '14',
				postcode: 'LS1 1AA',
			},
		})
		await giftAidGift(campaign.id, {
			amountMinor: 20_000,
			madeAt: new Date('2026-04-20T09:00:00Z'),
			declaration: {
				firstName: 'Ola',
				lastName: 'Berg',
				houseNameOrNumber: 'Fjordveien 2',
				postcode: null,
				overseas: true,
			},
		})
		const claimId = await batch(staff)

		const response = await download(staff, claimId, 'ods')
		expect(response.status).toBe(200)
		expect(response.headers.get('content-type')).toBe('application/vnd.oasis.opendocument.spreadsheet')
		expect(response.headers.get('content-disposition')).toMatch(
			/attachment; filename="gift-aid-schedule-.*-1-of-1\.ods"/,
		)
		const bytes = new Uint8Array(await response.arrayBuffer())
		// ODF: the first zip entry is "mimetype", stored, so its text sits at byte 38 for readers that look there.
		expect(new TextDecoder().decode(bytes.subarray(30, 38 + 46))).toBe(
			'mimetypeapplication/vnd.oasis.opendocument.spreadsheet',
		)
		const ods = readOds(bytes)
		expect(ods.names[0]).toBe('mimetype')
		const [sheet] = ods.sheets
		expect(sheet!.rows.map((row) => row.map((cell) => cell.shown))).toEqual([
			[...SCHEDULE_HEADERS],
			['Mrs', 'Jane', 'Smith Jones', '14', 'LS1 1AA', '', '', '04/04/26', '12.50'],
			['', 'Ola', 'Berg', 'Fjordveien 2', 'X', '', '', '20/04/26', '200.00'],
		])
		// The date is a real date and the amount a number, as a spreadsheet program holds them.
		expect(sheet!.rows[1]![7]).toEqual({ type: 'date', value: '2026-04-04', shown: '04/04/26' })
		expect(sheet!.rows[1]![8]).toEqual({ type: 'float', value: '12.50', shown: '12.50' })
		expect(SCHEDULE_HEADERS).toEqual([
			'Title',
			'First name or initial',
			'Last name',
			'House name or number',
			'Postcode',
			'Aggregated donations',
			'Sponsored event',
			'Donation date',
			'Amount',
		])

		const csv = await download(staff, claimId, 'csv')
		expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8')
		expect(csvRecords(await csv.text())).toEqual([
			[...SCHEDULE_HEADERS],
			['Mrs', 'Jane', 'Smith Jones', '14', 'LS1 1AA', '', '', '04/04/26', '12.50'],
			['', 'Ola', 'Berg', 'Fjordveien 2', 'X', '', '', '20/04/26', '200.00'],
		])

		// Each download is in the audit log, with the file it was.
		const exports = await db()
			.select({ action: auditLog.action, data: auditLog.data, actorId: auditLog.actorId })
			.from(auditLog)
			.where(eq(auditLog.action, 'gift_aid.claim_export'))
		expect(exports.map((e) => e.data)).toEqual(
			expect.arrayContaining([
				{ format: 'ods', part: 1, aggregate: false },
				{ format: 'csv', part: 1, aggregate: false },
			]),
		)
		expect(jane.id).toBeTruthy()
	})

	test('a batch of more than 1,000 rows comes as files of at most 1,000, and small gifts can share rows', async () => {
		const { staff, campaign } = await setup()
		const [declaration] = await db()
			.insert(giftAidDeclarations)
			.values({
				wordingVersion: GIFT_AID_WORDING_VERSION,
				scope: 'all_gifts',
				firstName: 'Regular',
				lastName: 'Giver',
				houseNameOrNumber: '3',
				postcode: 'M1 1AE',
			})
			.returning()
		// 1,001 gifts of £5 on one day, as the money record leaves them (net = amount).
		await db().execute(sql`
			insert into donations (campaign_id, donor_name, amount_minor, currency, status, created_at, succeeded_at, net_minor,
				gift_aid_declaration_id, gift_aid_status)
			select ${campaign.id}, 'Regular Giver', 500, 'GBP', 'succeeded', ${LATE_EVENING.toISOString()}::timestamptz,
				${LATE_EVENING.toISOString()}::timestamptz, 500, ${declaration!.id}, 'eligible'
			from generate_series(1, 1001)`)
		const claimId = await batch(staff)

		expect(await scheduleFilesOf(claimId)).toEqual({
			gifts: 1001,
			eachGift: { aggregate: false, rows: 1001, files: 2 },
			// £5 × 200 = £1,000 a row: five full rows and one of £5.
			aggregated: { aggregate: true, rows: 6, files: 1 },
		})
		const first = readOds(new Uint8Array(await (await download(staff, claimId, 'ods', '?part=1')).arrayBuffer()))
		const second = readOds(new Uint8Array(await (await download(staff, claimId, 'ods', '?part=2')).arrayBuffer()))
		expect(first.sheets[0]!.rows).toHaveLength(1 + 1000)
		expect(second.sheets[0]!.rows).toHaveLength(1 + 1)
		await expect(download(staff, claimId, 'ods', '?part=3')).rejects.toMatchObject({ status: 404 })
		await expect(download(staff, claimId, 'csv', '?part=0')).rejects.toMatchObject({ status: 404 })

		const aggregated = readOds(
			new Uint8Array(await (await download(staff, claimId, 'ods', '?aggregate=1')).arrayBuffer()),
		).sheets[0]!.rows.slice(1)
		expect(aggregated.map((row) => row.map((cell) => cell.shown))).toEqual([
			['', '', '', '', '', 'Small gifts added together 1', '', '04/04/26', '1000.00'],
			['', '', '', '', '', 'Small gifts added together 2', '', '04/04/26', '1000.00'],
			['', '', '', '', '', 'Small gifts added together 3', '', '04/04/26', '1000.00'],
			['', '', '', '', '', 'Small gifts added together 4', '', '04/04/26', '1000.00'],
			['', '', '', '', '', 'Small gifts added together 5', '', '04/04/26', '1000.00'],
			['', '', '', '', '', 'Small gifts added together 6', '', '04/04/26', '5.00'],
		])
	})
})

describe('adding small gifts together (HMRC’s aggregated donations)', () => {
	const gift = (id: string, amountMinor: number, day: string): ScheduleGift => ({
		donationId: id,
		amountMinor,
		day,
		title: null,
		firstName: 'A',
		lastName: 'Donor',
		houseNameOrNumber: '1',
		postcode: 'SW1A 1AA',
		overseas: false,
	})

	test('only gifts of £20 or less, never across an accounting period (a month, or 5/6 April), dated by the last gift', () => {
		const rows = scheduleRows(
			[
				gift('a', 2000, '2026-03-30'),
				gift('b', 2001, '2026-03-31'),
				gift('c', 1500, '2026-04-05'),
				gift('d', 500, '2026-04-06'),
				gift('e', 700, '2026-04-09'),
			],
			true,
		)
		expect(rows.map((r) => [r.firstName, r.aggregated, r.day, r.amountMinor, r.donationIds])).toEqual([
			['A', '', '2026-03-31', 2001, ['b']],
			['', 'Small gifts added together 1', '2026-03-30', 2000, ['a']],
			['', 'Small gifts added together 2', '2026-04-05', 1500, ['c']],
			['', 'Small gifts added together 3', '2026-04-09', 1200, ['d', 'e']],
		])
		for (const row of rows) expect(row.aggregated.length).toBeLessThanOrEqual(35)
		// Without aggregating, every gift keeps its own row and donor.
		expect(scheduleRows([gift('a', 500, '2026-03-30')], false)[0]).toMatchObject({ firstName: 'A', aggregated: '' })
	})
})
