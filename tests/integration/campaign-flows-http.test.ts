import { and, desc, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createCampaign, createPerson, createSucceededDonation } from '#db/factories.server.ts'
import { db } from '#db/index.server.ts'
import {
	campaignReports,
	campaigns,
	campaignUpdates,
	donations,
	donationThanks,
	emails,
	people,
	signInCodes,
} from '#db/schema.ts'
import { type EmailTemplateData } from '#emails/index.ts'
import { startHttpApp } from '#tests/support/http-app.ts'

let app: Awaited<ReturnType<typeof startHttpApp>>
beforeAll(async () => {
	app = await startHttpApp()
})
afterAll(async () => {
	await app?.close()
})

/** The hidden form token of the form with `formId` in a rendered page. */
function formToken(html: string, formId: string): string {
	const start = html.indexOf(`id="${formId}"`)
	if (start < 0) throw new Error(`no form ${formId} on the page`)
	const form = html.slice(start, html.indexOf('</form>', start))
	const token = /name="formToken" value="([^"]+)"/.exec(form)?.[1]
	if (!token) throw new Error(`form ${formId} has no token`)
	return token
}

async function pageHtml(pathname: string, cookie?: string) {
	const response = await app.get(pathname, cookie)
	expect(response.status, pathname).toBe(200)
	return response.text()
}

/** A published campaign owned by a signed-in person, with one donor who gave an email and asked for updates. */
async function ownerWithCampaign() {
	const owner = await createPerson(db(), {
		firstName: 'Sofia',
		lastName: 'Martins',
		email: `sofia-${crypto.randomUUID().slice(0, 6)}@example.com`,
	})
	const campaign = await createCampaign(db(), {
		ownerId: owner.id,
		title: 'Sofia runs for freedom',
		slug: `sofia-runs-${crypto.randomUUID().slice(0, 6)}`,
	})
	const gift = await createSucceededDonation(db(), { campaignId: campaign.id, amountMinor: 5000, donorName: 'Hannah' })
	await db()
		.update(donations)
		.set({ donorEmail: 'hannah@example.com', updatesOptIn: true })
		.where(eq(donations.id, gift.id))
	const cookie = await app.signIn(owner.email)
	return { owner, campaign, gift, cookie }
}

describe('thanking donors', () => {
	test('a gift is thanked once: a second thank-you is refused with a clear message and the dashboard shows Thanked', async () => {
		const { campaign, gift, cookie } = await ownerWithCampaign()
		const dashboard = `/dashboard/${campaign.id}`
		const first = await app.postForm(
			dashboard,
			{
				intent: 'thank-donor',
				donationId: gift.id,
				message: 'Thank you, Hannah!',
				formToken: formToken(await pageHtml(dashboard, cookie), `thank-${gift.id}`),
			},
			{ cookie },
		)
		expect(first.status).toBe(302)
		const after = await pageHtml(dashboard, cookie)
		expect(after).toContain('Thanked')
		expect(after).not.toContain('Say thank you to Hannah')

		// A crafted second post (a fresh token, another message) is refused.
		const second = await app.postForm(
			dashboard,
			{ intent: 'thank-donor', donationId: gift.id, message: 'Buy my product!', formToken: crypto.randomUUID() },
			{ cookie },
		)
		expect(second.status).toBe(400)
		expect(await second.text()).toContain('You have already thanked Hannah for this gift.')
		expect(await db().select().from(donationThanks)).toHaveLength(1)
		expect(await db().select().from(emails).where(eq(emails.template, 'donor-thanks'))).toHaveLength(1)
	})

	test('donor update emails are limited per campaign per day, with the reason beside the form', async () => {
		const { campaign, cookie } = await ownerWithCampaign()
		const dashboard = `/dashboard/${campaign.id}`
		for (let n = 1; n <= 3; n++) {
			const posted = await app.postForm(
				dashboard,
				{
					intent: 'post-update',
					body: `Update number ${n}`,
					formToken: formToken(await pageHtml(dashboard, cookie), 'post-update'),
				},
				{ cookie },
			)
			expect(posted.status).toBe(302)
		}
		const refused = await app.postForm(
			dashboard,
			{
				intent: 'post-update',
				body: 'Update number 4',
				formToken: formToken(await pageHtml(dashboard, cookie), 'post-update'),
			},
			{ cookie },
		)
		expect(refused.status).toBe(400)
		const html = await refused.text()
		expect(html).toMatch(/id="post-update-body-error"[^]*You have posted 3 updates in the last 24 hours/)
		expect(html).toContain('Update number 4')
		expect(await db().select().from(campaignUpdates)).toHaveLength(3)
		expect(await db().select().from(emails).where(eq(emails.template, 'campaign-update'))).toHaveLength(3)
	})
})

describe('a form sent twice creates one thing', () => {
	test('the same update form posted twice makes one update and one email, and the repeat answers like the first', async () => {
		const { campaign, cookie } = await ownerWithCampaign()
		const dashboard = `/dashboard/${campaign.id}`
		const fields = {
			intent: 'post-update',
			body: 'Ran 10 km today!',
			formToken: formToken(await pageHtml(dashboard, cookie), 'post-update'),
		}
		const [first, second] = await Promise.all([
			app.postForm(dashboard, fields, { cookie }),
			app.postForm(dashboard, fields, { cookie }),
		])
		expect([first.status, second.status]).toEqual([302, 302])
		expect(second.headers.get('location')).toBe(first.headers.get('location'))
		const resent = await app.postForm(dashboard, fields, { cookie })
		expect(resent.headers.get('location')).toBe(`${dashboard}?done=update`)
		expect(await db().select().from(campaignUpdates)).toHaveLength(1)
		expect(await db().select().from(emails).where(eq(emails.template, 'campaign-update'))).toHaveLength(1)
	})

	test('the same offline-gift form posted twice records one gift', async () => {
		const { campaign, cookie } = await ownerWithCampaign()
		const dashboard = `/dashboard/${campaign.id}`
		const fields = {
			intent: 'record-offline',
			amount: '25',
			donorName: 'Grandma',
			note: '',
			formToken: formToken(await pageHtml(dashboard, cookie), 'record-offline'),
		}
		expect((await app.postForm(dashboard, fields, { cookie })).status).toBe(302)
		expect((await app.postForm(dashboard, fields, { cookie })).headers.get('location')).toBe(
			`${dashboard}?done=offline`,
		)
		expect(await db().select().from(donations).where(eq(donations.channel, 'offline'))).toHaveLength(1)
	})

	test('a form without its token is refused and creates nothing', async () => {
		const { campaign, cookie } = await ownerWithCampaign()
		const refused = await app.postForm(
			`/dashboard/${campaign.id}`,
			{ intent: 'post-update', body: 'No token here' },
			{ cookie },
		)
		expect(refused.status).toBe(400)
		expect(await refused.text()).toContain('This form is out of date. Please try again.')
		expect(await db().select().from(campaignUpdates)).toHaveLength(0)
	})

	test('a token belongs to the person it was used by: someone else cannot replay it', async () => {
		const mine = await ownerWithCampaign()
		const theirs = await ownerWithCampaign()
		const token = formToken(await pageHtml(`/dashboard/${mine.campaign.id}`, mine.cookie), 'post-update')
		expect(
			(
				await app.postForm(
					`/dashboard/${mine.campaign.id}`,
					{ intent: 'post-update', body: 'Mine', formToken: token },
					{ cookie: mine.cookie },
				)
			).status,
		).toBe(302)
		const replay = await app.postForm(
			`/dashboard/${theirs.campaign.id}`,
			{ intent: 'post-update', body: 'Theirs', formToken: token },
			{ cookie: theirs.cookie },
		)
		expect(replay.status).toBe(400)
		expect(await db().select().from(campaignUpdates)).toHaveLength(1)
	})

	test('the same report form sent twice files one report and one staff email', async () => {
		const owner = await createPerson(db())
		await createCampaign(db(), { ownerId: owner.id, slug: 'reported-page' })
		const token = formToken(await pageHtml('/f/reported-page/report'), 'report')
		const fields = { reason: 'scam', details: 'This page copies another charity.', email: '', formToken: token }
		const [first, second] = await Promise.all([
			app.postForm('/f/reported-page/report', fields),
			app.postForm('/f/reported-page/report', fields),
		])
		expect([first.status, second.status]).toEqual([302, 302])
		expect(await db().select().from(campaignReports)).toHaveLength(1)
		expect(await db().select().from(emails).where(eq(emails.template, 'campaign-report'))).toHaveLength(1)
	})
})

describe('starting a fundraiser', () => {
	test('the idea chosen before signing in goes straight on to step 2 after signing in', async () => {
		const token = formToken(await pageHtml('/start'), 'choose-kind')
		const chose = await app.postForm('/start', { kind: 'birthday', formToken: token })
		expect(chose.status).toBe(302)
		const login = new URL(chose.headers.get('location')!, app.origin)
		expect(login.pathname).toBe('/login')
		const redirectTo = login.searchParams.get('redirectTo')!
		const asked = await app.postForm('/login', { email: 'esther@example.com', redirectTo })
		const [challenge] = await db()
			.select()
			.from(emails)
			.where(eq(emails.template, 'sign-in-code'))
			.orderBy(desc(emails.createdAt))
			.limit(1)
		const verified = await app.postForm(asked.headers.get('location')!, {
			email: 'esther@example.com',
			code: (challenge!.data as EmailTemplateData['sign-in-code']).code,
		})
		expect(verified.status).toBe(302)
		const cookie = verified.headers
			.getSetCookie()
			.find((c) => c.startsWith('__session='))!
			.split(';')[0]!
		const resumed = await app.get(verified.headers.get('location')!, cookie)
		expect(resumed.status).toBe(302)
		expect(resumed.headers.get('location')).toMatch(/^\/start\/[0-9a-f-]{36}\/details$/)
		const drafts = await db().select().from(campaigns)
		expect(drafts).toEqual([expect.objectContaining({ kind: 'birthday', status: 'draft' })])
		expect(await db().select().from(signInCodes)).toHaveLength(1)
	})

	test('choosing the same idea again reuses the untouched draft instead of making another', async () => {
		const person = await createPerson(db(), { firstName: 'Amara', email: 'amara@example.com' })
		const cookie = await app.signIn(person.email)
		const choose = async (kind: string) =>
			(
				await app.postForm(
					'/start',
					{ kind, formToken: formToken(await pageHtml('/start', cookie), 'choose-kind') },
					{ cookie },
				)
			).headers.get('location')
		const first = await choose('birthday')
		expect(await choose('birthday')).toBe(first)
		expect(await choose('challenge')).not.toBe(first)
		expect(await db().select().from(campaigns).where(eq(campaigns.ownerId, person.id))).toHaveLength(2)
	})

	test('the owner can delete a draft from the dashboard, but never someone else’s or a page that has taken gifts', async () => {
		const { owner, campaign: live, cookie } = await ownerWithCampaign()
		const draft = await createCampaign(db(), {
			ownerId: owner.id,
			status: 'draft',
			publishedAt: null,
			slug: 'old-draft',
		})
		const strangerCookie = await app.signIn((await createPerson(db())).email)
		const list = await pageHtml('/dashboard', cookie)
		expect(list).toContain('Delete draft')

		const stranger = await app.postForm(
			'/dashboard',
			{ intent: 'delete-draft', campaignId: draft.id, confirm: 'on' },
			{ cookie: strangerCookie },
		)
		expect(stranger.status).toBe(403)
		const unconfirmed = await app.postForm('/dashboard', { intent: 'delete-draft', campaignId: draft.id }, { cookie })
		expect(unconfirmed.status).toBe(400)
		const livePage = await app.postForm(
			'/dashboard',
			{ intent: 'delete-draft', campaignId: live.id, confirm: 'on' },
			{ cookie },
		)
		expect(livePage.status).toBe(400)
		expect(await livePage.text()).toContain('Only drafts can be deleted')

		const deleted = await app.postForm(
			'/dashboard',
			{ intent: 'delete-draft', campaignId: draft.id, confirm: 'on' },
			{ cookie },
		)
		expect(deleted.status).toBe(302)
		expect(deleted.headers.get('location')).toBe('/dashboard?done=deleted')
		expect((await db().select().from(campaigns).where(eq(campaigns.ownerId, owner.id))).map((c) => c.id)).toEqual([
			live.id,
		])
	})

	test('publishing asks for the organiser’s name when the account has none, and saves it to the account', async () => {
		const person = await createPerson(db(), { firstName: '', lastName: '', email: 'nameless@example.com' })
		const draft = await createCampaign(db(), {
			ownerId: person.id,
			status: 'draft',
			publishedAt: null,
			slug: 'nameless-page',
		})
		const cookie = await app.signIn(person.email)
		const review = `/start/${draft.id}/review`
		expect(await pageHtml(review, cookie)).toContain('Your first name')
		const refused = await app.postForm(review, { intent: 'publish', firstName: ' ', lastName: '' }, { cookie })
		expect(refused.status).toBe(400)
		expect(await refused.text()).toMatch(/id="publish-firstName-error"[^]*Please enter your first name/)
		expect((await db().select().from(campaigns).where(eq(campaigns.id, draft.id)))[0]!.status).toBe('draft')

		const published = await app.postForm(
			review,
			{ intent: 'publish', firstName: 'Nadia', lastName: 'Okafor' },
			{ cookie },
		)
		expect(published.status).toBe(302)
		expect((await db().select().from(people).where(eq(people.id, person.id)))[0]).toMatchObject({
			firstName: 'Nadia',
			lastName: 'Okafor',
		})
		expect((await pageHtml('/f/nameless-page')).replaceAll('<!-- -->', '')).toContain('Organised by Nadia Okafor')
	})

	test('an in-memory page asks who is remembered and uses the name in its title and link; its date label says optional once', async () => {
		const person = await createPerson(db(), { firstName: 'Tom', email: 'tom@example.com' })
		const cookie = await app.signIn(person.email)
		const kindToken = formToken(await pageHtml('/start', cookie), 'choose-kind')
		const details = (await app.postForm('/start', { kind: 'in_memory', formToken: kindToken }, { cookie })).headers.get(
			'location',
		)!
		const form = await pageHtml(details, cookie)
		expect(form).toContain('Who are you remembering?')
		expect(form).not.toMatch(/\(optional\)[^<]*<\/span>\s*<span[^>]*>\(optional\)/)
		expect(form).not.toContain('(optional) <span')
		const [draft] = await db().select().from(campaigns).where(eq(campaigns.ownerId, person.id))
		// A browser sends the textarea's line breaks as CRLF.
		const fields = {
			title: draft!.title,
			goal: '1000',
			endsOn: '',
			story: draft!.story.replaceAll('\n', '\r\n'),
			slug: draft!.slug,
			coverAlt: '',
			presetAmounts: '',
		}

		const missing = await app.postForm(details, { ...fields, rememberedName: '' }, { cookie })
		expect(missing.status).toBe(400)
		expect(await missing.text()).toMatch(
			/id="campaign-details-rememberedName-error"[^]*Please tell us who you are remembering/,
		)

		const saved = await app.postForm(details, { ...fields, rememberedName: 'Margaret Hughes' }, { cookie })
		expect(saved.status).toBe(302)
		const [row] = await db()
			.select()
			.from(campaigns)
			.where(and(eq(campaigns.id, draft!.id)))
		expect(row).toMatchObject({
			title: 'In loving memory of Margaret Hughes',
			slug: 'in-loving-memory-of-margaret-hughes',
			rememberedName: 'Margaret Hughes',
		})
		expect(row!.story).toContain('in memory of Margaret Hughes')
	})
})

describe('changing a page’s link', () => {
	test('the old link and its sub-paths answer 301 to the new one, and nobody else can take the old link', async () => {
		const { owner, campaign, cookie } = await ownerWithCampaign()
		const old = campaign.slug
		const edit = `/dashboard/${campaign.id}/edit`
		const changed = await app.postForm(
			edit,
			{
				title: campaign.title,
				goal: '500',
				endsOn: '',
				story: campaign.story,
				slug: 'sofia-new-link',
				coverAlt: '',
				presetAmounts: '',
			},
			{ cookie },
		)
		expect(changed.status).toBe(302)
		for (const [from, to] of [
			[`/f/${old}`, '/f/sofia-new-link'],
			[`/f/${old}?page=2`, '/f/sofia-new-link?page=2'],
			[`/f/${old}/donate`, '/f/sofia-new-link/donate'],
			[`/f/${old}/qr.png`, '/f/sofia-new-link/qr.png'],
			[`/f/${old}/qr.svg?download=1`, '/f/sofia-new-link/qr.svg?download=1'],
			[`/f/${old}/share.png`, '/f/sofia-new-link/share.png'],
			[`/f/${old}/widget`, '/f/sofia-new-link/widget'],
			[`/f/${old}/report`, '/f/sofia-new-link/report'],
		]) {
			const response = await app.get(from!)
			expect(response.status, from).toBe(301)
			expect(response.headers.get('location'), from).toBe(to)
		}
		expect((await app.get('/f/sofia-new-link')).status).toBe(200)

		// Someone else's draft cannot take the old link.
		const other = await createPerson(db(), { email: 'other@example.com' })
		const otherDraft = await createCampaign(db(), { ownerId: other.id, status: 'draft', publishedAt: null })
		const otherCookie = await app.signIn(other.email)
		const taken = await app.postForm(
			`/start/${otherDraft.id}/details`,
			{
				title: 'Another page',
				goal: '500',
				endsOn: '',
				story: 'A story long enough to pass the check.',
				slug: old,
				coverAlt: '',
				presetAmounts: '',
			},
			{ cookie: otherCookie },
		)
		expect(taken.status).toBe(400)
		expect(await taken.text()).toContain('Someone already uses that short link')

		// The owner may go back to the old link; the newer one then redirects.
		const back = await app.postForm(
			edit,
			{
				title: campaign.title,
				goal: '500',
				endsOn: '',
				story: campaign.story,
				slug: old,
				coverAlt: '',
				presetAmounts: '',
			},
			{ cookie },
		)
		expect(back.status).toBe(302)
		expect((await app.get(`/f/${old}`)).status).toBe(200)
		expect((await app.get('/f/sofia-new-link')).headers.get('location')).toBe(`/f/${old}`)
		expect(owner.id).toBeTruthy()
	})
})

describe('an ended page', () => {
	test('that raised nothing says so plainly and offers no share panel', async () => {
		const owner = await createPerson(db())
		await createCampaign(db(), { ownerId: owner.id, slug: 'quiet-page', status: 'ended', endedAt: new Date() })
		const html = await pageHtml('/f/quiet-page')
		expect(html).not.toContain('Thank you to everyone who gave')
		expect(html).toContain('This fundraiser has ended without any gifts')
		expect(html).not.toContain('Share this fundraiser')
	})

	test('that raised money thanks its donors and offers no share panel', async () => {
		const owner = await createPerson(db())
		const campaign = await createCampaign(db(), {
			ownerId: owner.id,
			slug: 'done-page',
			status: 'ended',
			endedAt: new Date(),
		})
		await createSucceededDonation(db(), { campaignId: campaign.id, amountMinor: 2000 })
		const html = await pageHtml('/f/done-page')
		expect(html).toContain('This fundraiser has ended, raising £20. Thank you to everyone who gave.')
		expect(html).not.toContain('Share this fundraiser')
	})
})

describe('the guide', () => {
	test('the guide page links its printable PDF', async () => {
		const html = await pageHtml('/guide/25-tips')
		expect(html).toMatch(/<a[^>]+href="\/guide\/25-tips\.pdf"[^>]*>[^<]*Download the guide as a PDF/)
	})
})

describe('a live page past its end date', () => {
	test('takes no more gifts on the page, the donate page or its form, before the dispatcher has closed it', async () => {
		const owner = await createPerson(db())
		const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)
		await createCampaign(db(), { ownerId: owner.id, slug: 'past-its-day', status: 'active', endsOn: yesterday })
		const page = await pageHtml('/f/past-its-day')
		expect(page).not.toContain('href="/f/past-its-day/donate"')
		expect(page).not.toContain('Share this fundraiser')
		expect(await pageHtml('/f/past-its-day/donate')).toContain('This fundraiser has ended')
		const posted = await app.postForm('/f/past-its-day/donate', {
			amount: '2500',
			donorName: 'Late Lou',
			donorEmail: 'lou@example.com',
		})
		expect(posted.status).toBe(400)
		expect(await posted.text()).toContain('This fundraiser is not taking donations any more.')
		expect(await db().select().from(donations)).toHaveLength(0)
	})

	test('still takes gifts while its end day lasts', async () => {
		const owner = await createPerson(db())
		// An hour ahead, so the date is today or, near midnight, tomorrow: never a day already over.
		const endsOn = new Date(Date.now() + 3_600_000).toISOString().slice(0, 10)
		await createCampaign(db(), { ownerId: owner.id, slug: 'last-day-page', status: 'active', endsOn })
		expect(await pageHtml('/f/last-day-page')).toContain('href="/f/last-day-page/donate"')
		expect(await pageHtml('/f/last-day-page/donate')).not.toContain('This fundraiser has ended')
	})
})
