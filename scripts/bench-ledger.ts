// `npm run bench:ledger [-- gifts-per-campaign concurrency]`: what one counted
// gift costs on a fundraiser that already holds 200,000 gifts against one that
// holds 10. On a fresh database (made on DATABASE_URL's server and dropped
// afterwards) it bulk-loads both campaigns with SQL generate_series, donations
// and their movements consistent with the stored totals, then delivers signed
// checkout.session.completed events through the real webhook handler,
// in-process, `concurrency` at a time, to each campaign in turn. Prints
// ops/s, p50 and p99 per campaign and the ratio (the goal: the big page
// within 1.2× of the small one), then checks the totals against the ledger.
import { randomUUID } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import Stripe from 'stripe'
import { getEnv } from '#app/config/env.server.ts'
import { findMoneyDrift } from '#app/donations/ledger.server.ts'
import { handleStripeWebhook } from '#app/donations/webhooks.server.ts'
import { startJobQueue, stopJobQueue } from '#app/jobs/queue.server.ts'
import { openDatabase } from '#db/client.server.ts'
import { createCampaign, createPerson } from '#db/factories.server.ts'
import { db, useDatabase } from '#db/index.server.ts'
import { migrateDatabase } from '#db/migrate.server.ts'
import { donations, type Campaign } from '#db/schema.ts'
import { createFreshDatabase } from '../tests/support/test-database.ts'

const giftsPerCampaign = Number(process.argv[2] ?? 400)
const concurrency = Number(process.argv[3] ?? 16)
const BIG = 200_000
const SMALL = 10

const serverUrl = process.env.DATABASE_URL
if (!serverUrl) {
	console.error('bench:ledger needs DATABASE_URL (a PostgreSQL server it may create and drop a database on).')
	process.exit(1)
}
// Development defaults for everything else: no provider keys, the development webhook secret.
delete process.env.DATABASE_URL
process.env.NODE_ENV = 'test'
process.env.LOG_REQUESTS = 'false'

const fresh = await createFreshDatabase(serverUrl, 'bench_ledger')
const database = await openDatabase({ driver: 'postgres', url: fresh.url, poolSize: concurrency + 4 })
const stripe = new Stripe('sk_test_signing_only')

/** `count` succeeded gifts of £10 on the campaign, with their movements, nets and totals, in three statements. */
async function bulkLoadGifts(campaign: Campaign, count: number) {
	await database.sql.executeSql(
		`insert into donations (campaign_id, donor_name, amount_minor, net_minor, currency, status, succeeded_at, created_at)
		 select $1, 'Donor ' || n, 1000, 1000, 'GBP', 'succeeded', now() - n * interval '1 second', now() - n * interval '1 second'
		 from generate_series(1, $2::int) n`,
		[campaign.id, count],
	)
	await database.sql.executeSql(
		`insert into money_movements (kind, amount_minor, currency, donation_id, campaign_id, source_id, created_at)
		 select 'donation_succeeded', amount_minor, currency, id, campaign_id, 'bench:' || id, succeeded_at
		 from donations where campaign_id = $1`,
		[campaign.id],
	)
	await database.sql.executeSql(
		`update campaigns set raised_minor = $2::bigint * 1000, donor_count = $2::int where id = $1`,
		[campaign.id, count],
	)
}

/** Pending online donations with their Checkout Sessions, as startDonation leaves them. */
async function pendingDonations(campaign: Campaign, count: number) {
	return db()
		.insert(donations)
		.values(
			Array.from({ length: count }, (_, i) => ({
				campaignId: campaign.id,
				donorName: `Bench donor ${i}`,
				donorEmail: `bench-${i}@example.org`,
				amountMinor: 2500,
				currency: 'GBP',
				stripeCheckoutSessionId: `cs_bench_${randomUUID()}`,
			})),
		)
		.returning()
}

/** Delivers each donation's signed completion, `concurrency` at a time; the latency of each, in ms. */
async function countGifts(pending: Awaited<ReturnType<typeof pendingDonations>>) {
	const secret = getEnv().STRIPE_WEBHOOK_SECRET
	const bodies = pending.map((donation) =>
		JSON.stringify({
			id: `evt_${randomUUID()}`,
			object: 'event',
			type: 'checkout.session.completed',
			data: {
				object: {
					id: donation.stripeCheckoutSessionId,
					object: 'checkout.session',
					amount_total: donation.amountMinor,
					currency: 'gbp',
					payment_intent: `pi_bench_${donation.id}`,
					payment_status: 'paid',
					status: 'complete',
					metadata: { donation_id: donation.id, campaign_id: donation.campaignId },
				},
			},
		}),
	)
	const latencies: number[] = []
	let next = 0
	const started = performance.now()
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < bodies.length) {
				const payload = bodies[next++]!
				const signature = stripe.webhooks.generateTestHeaderString({ payload, secret })
				const t0 = performance.now()
				const result = await handleStripeWebhook(payload, signature)
				latencies.push(performance.now() - t0)
				if (result.status !== 200 || (result.body as { outcome?: string }).outcome !== 'processed')
					throw new Error(`webhook answered ${result.status}: ${JSON.stringify(result.body)}`)
			}
		}),
	)
	const seconds = (performance.now() - started) / 1000
	latencies.sort((a, b) => a - b)
	const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!
	return { opsPerSecond: bodies.length / seconds, p50: at(0.5), p99: at(0.99) }
}

try {
	await migrateDatabase(database)
	useDatabase(database)
	await startJobQueue(database)
	const owner = await createPerson(db(), { email: 'bench-owner@example.org' })
	const big = await createCampaign(db(), { ownerId: owner.id, slug: 'bench-big', goalMinor: 500_000_000 })
	const small = await createCampaign(db(), { ownerId: owner.id, slug: 'bench-small', goalMinor: 500_000_000 })
	const loadStarted = performance.now()
	await bulkLoadGifts(big, BIG)
	await bulkLoadGifts(small, SMALL)
	await database.sql.executeSql('analyze')
	console.log(`loaded ${BIG + SMALL} gifts in ${((performance.now() - loadStarted) / 1000).toFixed(1)} s`)

	// Warm both paths (connections, plans) before measuring.
	await countGifts(await pendingDonations(small, concurrency))
	await countGifts(await pendingDonations(big, concurrency))
	const results: Record<string, Awaited<ReturnType<typeof countGifts>>> = {}
	// Small, big, then small again, so neither gets the machine's quieter moment alone.
	const smallFirst = await countGifts(await pendingDonations(small, giftsPerCampaign / 2))
	results[`${BIG.toLocaleString('en')} gifts`] = await countGifts(await pendingDonations(big, giftsPerCampaign))
	const smallSecond = await countGifts(await pendingDonations(small, giftsPerCampaign / 2))
	results[`${SMALL} gifts`] = {
		opsPerSecond: (smallFirst.opsPerSecond + smallSecond.opsPerSecond) / 2,
		p50: (smallFirst.p50 + smallSecond.p50) / 2,
		p99: Math.max(smallFirst.p99, smallSecond.p99),
	}
	console.log(`\nwebhook → counted donation, ${giftsPerCampaign} per campaign, ${concurrency} concurrent`)
	console.log('| campaign holds | ops/s | p50 ms | p99 ms |')
	console.log('|---|---:|---:|---:|')
	for (const [label, r] of Object.entries(results)) {
		console.log(`| ${label} | ${r.opsPerSecond.toFixed(1)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} |`)
	}
	const bigOps = results[`${BIG.toLocaleString('en')} gifts`]!.opsPerSecond
	const smallOps = results[`${SMALL} gifts`]!.opsPerSecond
	console.log(
		`\nratio (${SMALL}-gift page ops/s ÷ ${BIG}-gift page ops/s): ${(smallOps / bigOps).toFixed(2)}× (goal ≤ 1.2×)`,
	)
	const { checked, drift } = await findMoneyDrift()
	console.log(`money check: ${checked} campaigns, drift ${drift.length}`)
	if (drift.length > 0) process.exitCode = 1
} finally {
	await stopJobQueue()
	await database.close()
	await fresh.drop()
}
