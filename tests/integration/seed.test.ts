import { count } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { db } from '#db/index.server.ts'
import { campaigns } from '#db/schema.ts'
import { seedDemoDataIfEmpty } from '#db/seed.server.ts'

describe('demo data', () => {
	test('processes starting together on an empty database seed it exactly once, without an error', async () => {
		const results = await Promise.all([seedDemoDataIfEmpty(), seedDemoDataIfEmpty(), seedDemoDataIfEmpty()])
		expect(results.filter((r) => r !== null)).toHaveLength(1)
		const [seededOnce] = results.filter((r) => r !== null)
		const [{ n }] = (await db().select({ n: count() }).from(campaigns)) as [{ n: number }]
		expect(n).toBe(seededOnce!.campaigns)
	})

	test('a database that already has campaigns is left alone', async () => {
		expect(await seedDemoDataIfEmpty()).not.toBeNull()
		expect(await seedDemoDataIfEmpty()).toBeNull()
	})
})
