import { desc, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { newFormToken } from '#app/utils/form-token.server.ts'
import { getCampaignForViewer, listFeaturedCampaigns } from '#app/campaigns/campaigns.server.ts'
import {
	approveCampaign,
	hideCampaign,
	listCampaignReports,
	listCampaignsForStaff,
	REPORTS_PER_IP_PER_HOUR,
	resolveCampaignReport,
	setFeatured,
	submitCampaignReport,
	unhideCampaign,
} from '#app/staff/moderation.server.ts'
import { createCampaign, createPerson } from '#db/factories.server.ts'
import { db } from '#db/index.server.ts'
import { auditLog, campaignReports, campaigns, emails } from '#db/schema.ts'
import { emailTemplates, type EmailTemplateData } from '#emails/index.ts'
import { startHttpApp } from '#tests/support/http-app.ts'

async function setup() {
	const staff = await createPerson(db(), {
		email: 'moderator@example.org',
		firstName: 'Mo',
		lastName: 'Derator',
		role: 'staff',
	})
	const owner = await createPerson(db(), { email: 'amara@example.com', firstName: 'Amara', lastName: 'Okafor' })
	const campaign = await createCampaign(db(), { ownerId: owner.id, slug: 'amara-turns-30', title: 'Amara turns 30' })
	return { staff, owner, campaign }
}

async function campaignRow(id: string) {
	const [row] = await db().select().from(campaigns).where(eq(campaigns.id, id))
	return row!
}

async function auditOf(subjectId: string) {
	return db().select().from(auditLog).where(eq(auditLog.subjectId, subjectId)).orderBy(auditLog.createdAt)
}

const report = (slug: string, clientIp = '203.0.113.7') => ({
	slug,
	reason: 'scam' as const,
	details: 'The photos are from a news story about someone else.',
	reporterEmail: 'worried@example.net',
	clientIp,
	formToken: newFormToken(),
})

describe('campaign moderation', () => {
	test('approving records who reviewed the campaign and when, with an audit row', async () => {
		const { staff, campaign } = await setup()
		expect(await approveCampaign(campaign.id, staff)).toEqual({ ok: true })
		const row = await campaignRow(campaign.id)
		expect(row.reviewedAt).toBeInstanceOf(Date)
		expect(row.reviewedById).toBe(staff.id)
		expect(await auditOf(campaign.id)).toMatchObject([
			{ action: 'campaign.approve', actorId: staff.id, subjectType: 'campaign' },
		])
	})

	test('a hidden campaign is gone for the public while its owner sees the reason', async () => {
		const { staff, owner, campaign } = await setup()
		expect(await hideCampaign(campaign.id, staff, '  Please remove the photos of children.  ')).toEqual({ ok: true })
		const row = await campaignRow(campaign.id)
		expect(row).toMatchObject({ status: 'hidden', hiddenReason: 'Please remove the photos of children.' })
		expect(await getCampaignForViewer('amara-turns-30', null)).toBeNull()
		const stranger = await createPerson(db())
		expect(await getCampaignForViewer('amara-turns-30', stranger.id)).toBeNull()
		expect(await getCampaignForViewer('amara-turns-30', owner.id)).toMatchObject({
			status: 'hidden',
			hiddenReason: 'Please remove the photos of children.',
		})
		expect(await auditOf(campaign.id)).toMatchObject([
			{
				action: 'campaign.hide',
				actorId: staff.id,
				reason: 'Please remove the photos of children.',
				data: { previousStatus: 'active' },
			},
		])
	})

	test('hiding needs a reason and a public campaign', async () => {
		const { staff, owner, campaign } = await setup()
		expect(await hideCampaign(campaign.id, staff, '   ')).toMatchObject({ ok: false })
		const draft = await createCampaign(db(), { ownerId: owner.id, status: 'draft', publishedAt: null })
		expect(await hideCampaign(draft.id, staff, 'Spam')).toMatchObject({ ok: false })
		expect(await hideCampaign('not-a-uuid', staff, 'Spam')).toMatchObject({
			ok: false,
			error: 'We could not find that fundraiser.',
		})
		expect((await campaignRow(campaign.id)).status).toBe('active')
		expect(await db().select().from(auditLog)).toHaveLength(0)
	})

	test('unhiding restores the status from before hiding, live or ended', async () => {
		const { staff, owner, campaign } = await setup()
		const ended = await createCampaign(db(), { ownerId: owner.id, status: 'ended', endedAt: new Date() })
		await hideCampaign(campaign.id, staff, 'Checking the story')
		await hideCampaign(ended.id, staff, 'Checking the story')
		expect(await unhideCampaign(campaign.id, staff)).toEqual({ ok: true })
		expect(await unhideCampaign(ended.id, staff)).toEqual({ ok: true })
		expect(await campaignRow(campaign.id)).toMatchObject({ status: 'active', hiddenReason: null })
		expect(await campaignRow(ended.id)).toMatchObject({ status: 'ended', hiddenReason: null })
		expect((await auditOf(ended.id)).map((a) => [a.action, a.data])).toEqual([
			['campaign.hide', { previousStatus: 'ended' }],
			['campaign.unhide', { restoredStatus: 'ended', hiddenReason: 'Checking the story' }],
		])
		expect(await unhideCampaign(campaign.id, staff)).toMatchObject({
			ok: false,
			error: 'This fundraiser is not hidden.',
		})
	})

	test('only live campaigns can be featured, and featuring shows on the landing page', async () => {
		const { staff, owner, campaign } = await setup()
		const ended = await createCampaign(db(), { ownerId: owner.id, status: 'ended' })
		expect(await setFeatured(ended.id, staff, true)).toEqual({
			ok: false,
			error: 'Only live fundraisers can be featured.',
		})
		expect(await setFeatured(campaign.id, staff, true)).toEqual({ ok: true })
		expect((await listFeaturedCampaigns()).map((c) => c.id)).toEqual([campaign.id])
		expect(await setFeatured(campaign.id, staff, false)).toEqual({ ok: true })
		expect(await listFeaturedCampaigns()).toEqual([])
		expect((await auditOf(campaign.id)).map((a) => a.action)).toEqual(['campaign.feature', 'campaign.unfeature'])
		expect(await auditOf(ended.id)).toEqual([])
	})

	test('the staff list searches title, slug and owner, filters by status and review, and counts open reports', async () => {
		const { staff, owner, campaign } = await setup()
		const other = await createPerson(db(), { email: 'ben@example.com', firstName: 'Ben', lastName: 'Runner' })
		const run = await createCampaign(db(), {
			ownerId: other.id,
			slug: 'ben-runs-100_percent',
			title: 'Ben runs London',
			createdAt: new Date(Date.now() + 1000),
		})
		await submitCampaignReport(report('amara-turns-30'))
		await approveCampaign(run.id, staff)

		const all = await listCampaignsForStaff({ limit: 50 })
		expect(all.total).toBe(2)
		expect(all.campaigns.map((c) => c.title)).toEqual(['Ben runs London', 'Amara turns 30'])
		expect(all.campaigns[1]).toMatchObject({
			ownerName: 'Amara Okafor',
			ownerEmail: owner.email,
			openReports: 1,
			raisedMinor: 0,
			goalMinor: 50_000,
		})

		const search = async (text: string) =>
			(await listCampaignsForStaff({ search: text, limit: 50 })).campaigns.map((c) => c.id)
		expect(await search('AMARA')).toEqual([campaign.id])
		expect(await search('ben runner')).toEqual([run.id])
		expect(await search('BEN@EXAMPLE')).toEqual([run.id])
		expect(await search('100_percent')).toEqual([run.id])
		// A typed % or _ is a character, not a wildcard.
		expect(await search('%')).toEqual([])
		expect(await search('ben-runs-100_')).toEqual([run.id])
		expect(await search('amara_turns')).toEqual([])

		const unreviewed = await listCampaignsForStaff({ unreviewedOnly: true, limit: 50 })
		expect(unreviewed.campaigns.map((c) => c.id)).toEqual([campaign.id])
		await hideCampaign(run.id, staff, 'Duplicate page')
		expect((await listCampaignsForStaff({ status: 'hidden', limit: 50 })).campaigns.map((c) => c.id)).toEqual([run.id])
		const paged = await listCampaignsForStaff({ limit: 1, before: all.campaigns[0]!.id })
		expect(paged).toMatchObject({ total: 2, campaigns: [{ id: campaign.id }] })
		// And back: the page newer than the second campaign is the first.
		expect(await listCampaignsForStaff({ limit: 1, after: campaign.id })).toMatchObject({
			total: 2,
			campaigns: [{ id: run.id }],
		})
	})
})

describe('reporting a fundraiser', () => {
	test('a report is stored and staff are emailed about it', async () => {
		const { campaign } = await setup()
		const result = await submitCampaignReport(report('Amara-Turns-30'))
		expect(result.ok).toBe(true)
		const [row] = await db().select().from(campaignReports)
		expect(row).toMatchObject({
			campaignId: campaign.id,
			reason: 'scam',
			reporterEmail: 'worried@example.net',
			status: 'open',
		})
		const [email] = await db().select().from(emails)
		expect(email).toMatchObject({
			template: 'campaign-report',
			toEmail: 'supporters@example.org',
			category: 'staff',
			causeKey: `campaign-report:${row!.id}`,
			campaignId: campaign.id,
			status: 'queued',
		})
		const rendered = emailTemplates['campaign-report'](email!.data as EmailTemplateData['campaign-report'], {
			charity: (await import('#app/config/charity.server.ts')).getCharity(),
			appUrl: 'http://localhost:3000',
		})
		expect(rendered.subject).toBe('Fundraiser reported: Amara turns 30')
		expect(rendered.html).toContain('http://localhost:3000/staff/reports')
		expect(rendered.html).toContain('Scam or fraud')
		expect(rendered.text).toContain('The photos are from a news story about someone else.')
	})

	test('what the public typed is escaped in the staff email', async () => {
		await setup()
		await submitCampaignReport({
			...report('amara-turns-30'),
			details: '<script>alert(1)</script> look at this',
			reporterEmail: '"><img src=x>@example.com',
		})
		const [email] = await db().select().from(emails)
		const rendered = emailTemplates['campaign-report'](email!.data as EmailTemplateData['campaign-report'], {
			charity: (await import('#app/config/charity.server.ts')).getCharity(),
			appUrl: 'http://localhost:3000',
		})
		expect(rendered.html).not.toContain('<script>')
		expect(rendered.html).not.toContain('<img src=x>')
		expect(rendered.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
	})

	test('drafts, hidden and unknown campaigns cannot be reported', async () => {
		const { staff, owner, campaign } = await setup()
		const draft = await createCampaign(db(), { ownerId: owner.id, status: 'draft' })
		await hideCampaign(campaign.id, staff, 'Checking')
		for (const slug of [draft.slug, campaign.slug, 'no-such-page']) {
			expect(await submitCampaignReport(report(slug))).toEqual({ ok: false, reason: 'not-found' })
		}
		expect(await db().select().from(campaignReports)).toHaveLength(0)
	})

	test(`each IP may send ${REPORTS_PER_IP_PER_HOUR} reports an hour; others are unaffected`, async () => {
		await setup()
		for (let i = 0; i < REPORTS_PER_IP_PER_HOUR; i++)
			expect((await submitCampaignReport(report('amara-turns-30'))).ok).toBe(true)
		const limited = await submitCampaignReport(report('amara-turns-30'))
		expect(limited).toMatchObject({ ok: false, reason: 'rate-limited' })
		if (limited.ok || limited.reason !== 'rate-limited') throw new Error('not limited')
		expect(limited.retryAfterSeconds).toBeGreaterThan(0)
		expect(limited.message).toMatch(/try again in \d+ minutes?/)
		expect((await submitCampaignReport(report('amara-turns-30', '198.51.100.1'))).ok).toBe(true)
		expect(await db().select().from(campaignReports)).toHaveLength(REPORTS_PER_IP_PER_HOUR + 1)
	})

	test('resolving with "hide" hides the campaign with the note as its reason, auditing both, in one go', async () => {
		const { staff, campaign } = await setup()
		const submitted = await submitCampaignReport(report('amara-turns-30'))
		if (!submitted.ok) throw new Error('not stored')
		const resolved = await resolveCampaignReport(submitted.reportId, staff, {
			outcome: 'resolved',
			note: 'Confirmed: stolen photos.',
			hideCampaign: true,
		})
		expect(resolved).toEqual({ ok: true, hidden: true })
		expect(await campaignRow(campaign.id)).toMatchObject({
			status: 'hidden',
			hiddenReason: 'Confirmed: stolen photos.',
		})
		const [row] = await db().select().from(campaignReports)
		expect(row).toMatchObject({
			status: 'resolved',
			resolutionNote: 'Confirmed: stolen photos.',
			resolvedById: staff.id,
		})
		expect(row!.resolvedAt).toBeInstanceOf(Date)
		const audit = await db().select().from(auditLog).orderBy(desc(auditLog.action))
		expect(audit.map((a) => [a.action, a.subjectType, a.subjectId])).toEqual([
			['report.resolve', 'campaign_report', row!.id],
			['campaign.hide', 'campaign', campaign.id],
		])
		expect(await listCampaignReports({ status: 'open' })).toEqual([])
		expect(await listCampaignReports({ status: 'closed' })).toMatchObject([
			{ id: row!.id, resolvedByEmail: 'moderator@example.org', reasonLabel: 'Scam or fraud' },
		])
		expect(await resolveCampaignReport(row!.id, staff, { outcome: 'dismissed', note: 'again' })).toMatchObject({
			ok: false,
		})
	})

	test('dismissing leaves the campaign public and cannot be combined with hiding', async () => {
		const { staff, campaign } = await setup()
		const submitted = await submitCampaignReport(report('amara-turns-30'))
		if (!submitted.ok) throw new Error('not stored')
		expect(
			await resolveCampaignReport(submitted.reportId, staff, {
				outcome: 'dismissed',
				note: 'Checked: fine.',
				hideCampaign: true,
			}),
		).toMatchObject({
			ok: false,
			field: 'hideCampaign',
		})
		expect(
			await resolveCampaignReport(submitted.reportId, staff, { outcome: 'dismissed', note: 'Checked: fine.' }),
		).toEqual({ ok: true, hidden: false })
		expect((await campaignRow(campaign.id)).status).toBe('active')
		expect((await db().select().from(auditLog)).map((a) => a.action)).toEqual(['report.dismiss'])
	})
})

describe('moderation over HTTP', () => {
	let app: Awaited<ReturnType<typeof startHttpApp>>
	beforeAll(async () => {
		app = await startHttpApp()
	})
	afterAll(async () => {
		await app?.close()
	})

	const get = (path: string, cookie?: string) => app.get(path, cookie)

	const signIn = (email: string) => app.signIn(email)

	test('signed out, the staff pages send the visitor to sign in', async () => {
		for (const path of ['/staff/campaigns', '/staff/reports']) {
			const response = await get(path)
			expect(response.status).toBe(302)
			expect(response.headers.get('location')).toBe(`/login?redirectTo=${encodeURIComponent(path)}`)
		}
		const { campaign } = await setup()
		const posted = await app.postForm('/staff/campaigns', { intent: 'hide', campaignId: campaign.id, reason: 'Spam' })
		expect(posted.status).toBe(302)
		expect(posted.headers.get('location')).toMatch(/^\/login\?redirectTo=/)
		expect((await campaignRow(campaign.id)).status).toBe('active')
	})

	test('a supporter gets 403 on the staff pages and their posts change nothing', async () => {
		const { owner, campaign } = await setup()
		const cookie = await signIn(owner.email)
		expect((await get('/staff/campaigns', cookie)).status).toBe(403)
		expect((await get('/staff/reports', cookie)).status).toBe(403)
		for (const fields of <Record<string, string>[]>[
			{ intent: 'hide', campaignId: campaign.id, reason: 'Spam' },
			{ intent: 'feature', campaignId: campaign.id },
			{ intent: 'approve', campaignId: campaign.id },
		]) {
			expect((await app.postForm('/staff/campaigns', fields, { cookie })).status).toBe(403)
		}
		const submitted = await submitCampaignReport(report('amara-turns-30'))
		if (!submitted.ok) throw new Error('not stored')
		const resolve = {
			intent: 'resolve',
			reportId: submitted.reportId,
			outcome: 'resolved',
			note: 'x',
			hideCampaign: 'on',
		}
		expect((await app.postForm('/staff/reports', resolve, { cookie })).status).toBe(403)
		expect(await campaignRow(campaign.id)).toMatchObject({ status: 'active', featured: false, reviewedAt: null })
		expect((await db().select().from(campaignReports))[0]!.status).toBe('open')
		expect(await db().select().from(auditLog)).toHaveLength(0)
	})

	test('staff see the list, hide with a reason, and get the error beside an empty reason field', async () => {
		const { staff, campaign } = await setup()
		const cookie = await signIn(staff.email)
		const page = await get('/staff/campaigns', cookie)
		expect(page.status).toBe(200)
		const html = await page.text()
		expect(html).toContain('Amara turns 30')
		expect(html).toContain('href="/f/amara-turns-30"')
		expect(html).toContain('Not reviewed')

		const empty = await app.postForm(
			'/staff/campaigns?status=active',
			{ intent: 'hide', campaignId: campaign.id, reason: '  ' },
			{ cookie },
		)
		expect(empty.status).toBe(400)
		const errorHtml = await empty.text()
		expect(errorHtml).toMatch(
			new RegExp(
				`<div id="hide-${campaign.id}-reason-error"[^>]*><p class="field-error">Please say why you are hiding it; the fundraiser will see this`,
			),
		)
		expect(errorHtml).toMatch(/aria-invalid="true"/)
		expect((await campaignRow(campaign.id)).status).toBe('active')

		const hidden = await app.postForm(
			'/staff/campaigns?status=active',
			{ intent: 'hide', campaignId: campaign.id, reason: 'Stolen photos' },
			{ cookie },
		)
		expect(hidden.status).toBe(302)
		expect(hidden.headers.get('location')).toBe('/staff/campaigns?status=active&done=hide')
		expect(await campaignRow(campaign.id)).toMatchObject({ status: 'hidden', hiddenReason: 'Stolen photos' })
		expect(await auditOf(campaign.id)).toMatchObject([{ action: 'campaign.hide', actorId: staff.id }])
		expect(await (await get('/staff/campaigns?done=hide', cookie)).text()).toContain(
			'The fundraiser is hidden from the public.',
		)
		expect((await get('/f/amara-turns-30')).status).toBe(404)

		const refused = await app.postForm('/staff/campaigns', { intent: 'feature', campaignId: campaign.id }, { cookie })
		expect(refused.status).toBe(400)
		expect(await refused.text()).toContain('Only live fundraisers can be featured.')
		expect(
			(await app.postForm('/staff/campaigns', { intent: 'explode', campaignId: campaign.id }, { cookie })).status,
		).toBe(400)
		expect((await app.postForm('/staff/campaigns', { intent: 'unhide', campaignId: 'nope' }, { cookie })).status).toBe(
			400,
		)
		expect(
			(await app.postForm('/staff/campaigns', { intent: 'unhide', campaignId: campaign.id }, { cookie })).status,
		).toBe(302)
		expect((await campaignRow(campaign.id)).status).toBe('active')
	})

	test('staff resolve a report over HTTP; a missing note is shown beside its field', async () => {
		const { staff, campaign } = await setup()
		const submitted = await submitCampaignReport(report('amara-turns-30'))
		if (!submitted.ok) throw new Error('not stored')
		const cookie = await signIn(staff.email)
		const page = await (await get('/staff/reports', cookie)).text()
		expect(page).toContain('Scam or fraud')
		expect(page).toContain('worried@example.net')
		const bad = await app.postForm(
			'/staff/reports',
			{ intent: 'resolve', reportId: submitted.reportId, outcome: 'resolved', note: '' },
			{ cookie },
		)
		expect(bad.status).toBe(400)
		expect(await bad.text()).toMatch(
			new RegExp(`<div id="resolve-${submitted.reportId}-note-error"[^>]*><p class="field-error">Please write a note`),
		)
		const done = await app.postForm(
			'/staff/reports',
			{
				intent: 'resolve',
				reportId: submitted.reportId,
				outcome: 'resolved',
				note: 'Stolen photos',
				hideCampaign: 'on',
			},
			{ cookie },
		)
		expect(done.status).toBe(302)
		expect(done.headers.get('location')).toBe('/staff/reports?done=hidden')
		expect((await campaignRow(campaign.id)).status).toBe('hidden')
	})

	test('the public report form shows errors beside fields, stores a good report, and ignores bots', async () => {
		await setup()
		const form = await get('/f/amara-turns-30/report')
		expect(form.status).toBe(200)
		const formHtml = await form.text()
		expect(formHtml).toContain('Scam or fraud')
		expect(formHtml).toContain('Uses someone’s story or photos without permission')
		expect(await (await get('/f/amara-turns-30')).text()).toContain('href="/f/amara-turns-30/report"')

		const bad = await app.postForm('/f/amara-turns-30/report', {
			reason: 'because',
			details: 'short',
			email: 'not-an-email',
		})
		expect(bad.status).toBe(400)
		const badHtml = await bad.text()
		expect(badHtml).toMatch(
			/<div id="report-reason-error"[^>]*><p class="field-error">Please choose one of the reasons/,
		)
		expect(badHtml).toMatch(/<div id="report-details-error"[^>]*><p class="field-error">Please tell us a little more/)
		expect(badHtml).toMatch(
			/<div id="report-email-error"[^>]*><p class="field-error">Please enter a valid email address/,
		)
		expect(await db().select().from(campaignReports)).toHaveLength(0)

		const bot = await app.postForm('/f/amara-turns-30/report', {
			reason: 'scam',
			details: 'Buy cheap watches now!!',
			website_address: 'http://spam.example',
		})
		expect(bot.status).toBe(302)
		expect(await db().select().from(campaignReports)).toHaveLength(0)
		expect(await db().select().from(emails)).toHaveLength(0)

		const formToken = /name="formToken" value="([^"]+)"/.exec(formHtml)![1]!
		const good = await app.postForm('/f/amara-turns-30/report', {
			reason: 'permission',
			details: 'This is my photo, used without asking.',
			email: '',
			formToken,
		})
		expect(good.status).toBe(302)
		expect(good.headers.get('location')).toBe('/f/amara-turns-30/report?sent=1')
		expect(await db().select().from(campaignReports)).toMatchObject([
			{ reason: 'permission', reporterEmail: null, details: 'This is my photo, used without asking.' },
		])
		expect(await db().select().from(emails).where(eq(emails.template, 'campaign-report'))).toHaveLength(1)
		expect(await (await get(good.headers.get('location')!)).text()).toContain('Thank you — we have your report.')
	})

	test('the report form is 404 for unknown, draft and hidden campaigns', async () => {
		const { staff, owner, campaign } = await setup()
		const draft = await createCampaign(db(), { ownerId: owner.id, status: 'draft' })
		await hideCampaign(campaign.id, staff, 'Checking')
		for (const slug of ['no-such-page', draft.slug, campaign.slug]) {
			expect((await get(`/f/${slug}/report`)).status).toBe(404)
			expect(
				(await app.postForm(`/f/${slug}/report`, { reason: 'scam', details: 'Something is wrong here.' })).status,
			).toBe(404)
		}
	})
})
