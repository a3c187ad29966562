import { desc, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createCampaign, createPerson } from '#db/factories.server.ts'
import { db, getDatabase } from '#db/index.server.ts'
import { emails } from '#db/schema.ts'
import { type EmailTemplateData } from '#emails/index.ts'
import { resetTestEnv } from '#tests/support/env.ts'
import { startHttpApp, withFormToken } from '#tests/support/http-app.ts'

// A client address no test data would hold by chance, said by a trusted proxy.
const CLIENT_IP = '198.51.100.231'
const fromClient = { 'x-forwarded-for': CLIENT_IP }

let app: Awaited<ReturnType<typeof startHttpApp>>
beforeAll(async () => {
	resetTestEnv({ TRUST_PROXY: '1' })
	app = await startHttpApp()
})
afterAll(async () => {
	await app?.close()
})

/** Every row of every table of ours, as text, with the tables it was found in. */
async function tablesHolding(needle: string): Promise<string[]> {
	const { sql } = getDatabase()
	const { rows } = await sql.executeSql(
		`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
	)
	const found: string[] = []
	for (const { table_name: table } of rows as { table_name: string }[]) {
		const { rows: hits } = await sql.executeSql(
			`select 1 from "${table}" t where row_to_json(t)::text like '%' || $1 || '%' limit 1`,
			[needle],
		)
		if (hits.length > 0) found.push(table)
	}
	return found
}

describe('client addresses at rest', () => {
	test('after a sign-in, a sign-up and a donation no table holds the client’s raw IP address', async () => {
		const person = await createPerson(db(), { email: `ip-${crypto.randomUUID().slice(0, 6)}@example.com` })
		const asked = await app.postForm('/login', { email: person.email, redirectTo: '/account' }, fromClient)
		expect(asked.status).toBe(302)
		const [codeEmail] = await db()
			.select()
			.from(emails)
			.where(eq(emails.template, 'sign-in-code'))
			.orderBy(desc(emails.createdAt))
			.limit(1)
		const { code } = codeEmail!.data as EmailTemplateData['sign-in-code']
		const verified = await app.postForm(asked.headers.get('location')!, { email: person.email, code }, fromClient)
		expect(verified.status).toBe(302)

		const signedUp = await app.postForm(
			'/fundraise',
			withFormToken({
				firstName: 'Ada',
				lastName: 'Lovelace',
				email: 'ada-ip@example.com',
				idea: 'birthday',
				emailConsent: 'on',
			}),
			fromClient,
		)
		expect(signedUp.status).toBe(302)

		const campaign = await createCampaign(db(), { ownerId: person.id, slug: `ip-${crypto.randomUUID().slice(0, 6)}` })
		const donated = await app.postForm(
			`/f/${campaign.slug}/donate`,
			{ amount: '2500', donorName: 'Gwen Guest', donorEmail: 'gwen-ip@example.com' },
			fromClient,
		)
		expect(donated.status).toBe(303)

		expect(await tablesHolding(CLIENT_IP)).toEqual([])
	})
})
