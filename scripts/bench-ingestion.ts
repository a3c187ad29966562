// The ingestion part of `npm run bench`: PostgreSQL's own simple-update rate
// (pgbench -N) on the same server, and the pending gifts and signed Stripe
// completions the webhook rows deliver, with the check that every total is
// exact afterwards. Only on a real server (DATABASE_URL).
import { execFile, execFileSync } from 'node:child_process'
import fs from 'node:fs'
import { promisify } from 'node:util'
import postgres from 'postgres'
import Stripe from 'stripe'
import { createFreshDatabase } from '../tests/support/test-database.ts'
import { childrenCpuMs, postgresCpuDuring } from './bench-support.ts'

/** pgbench on PATH, else the newest PostgreSQL's. */
function pgbenchBinary() {
	try {
		return execFileSync('sh', ['-c', 'command -v pgbench'], { encoding: 'utf8' }).trim()
	} catch {
		const versions = fs.existsSync('/usr/lib/postgresql') ? fs.readdirSync('/usr/lib/postgresql').sort() : []
		const found = versions.map((v) => `/usr/lib/postgresql/${v}/bin/pgbench`).findLast((p) => fs.existsSync(p))
		if (!found) throw new Error('pgbench not found on PATH or in /usr/lib/postgresql/*/bin')
		return found
	}
}

/**
 * `pgbench -N` (simple update: three statements and a commit per
 * transaction) at `clients` for `seconds`, on a scratch database initialised
 * at scale 1 and dropped afterwards.
 */
export async function pgbenchSimpleUpdate(serverUrl: string, clients: number, seconds: number) {
	const scratch = await createFreshDatabase(serverUrl, 'bench_pgbench')
	try {
		const bin = pgbenchBinary()
		execFileSync(bin, ['-i', '-s', '1', '-q', scratch.url], { stdio: 'ignore' })
		const clientBefore = childrenCpuMs()
		// Run without blocking, so the CPU of pgbench's backends is sampled while they live.
		const { result: output, postgresMs } = await postgresCpuDuring(async () => {
			const { stdout } = await promisify(execFile)(
				bin,
				['-N', '-c', String(clients), '-j', '2', '-T', String(seconds), scratch.url],
				{ encoding: 'utf8' },
			)
			return stdout
		})
		const tps = Number(/tps = ([\d.]+)/.exec(output)?.[1])
		const latencyMs = Number(/latency average = ([\d.]+) ms/.exec(output)?.[1])
		const transactions = Number(/number of transactions actually processed: (\d+)/.exec(output)?.[1])
		if (!Number.isFinite(tps)) throw new Error(`could not read pgbench's TPS from:\n${output}`)
		return {
			tps,
			latencyMs,
			cpuPerTransaction: {
				postgresMs: postgresMs / transactions,
				clientMs: (childrenCpuMs() - clientBefore) / transactions,
			},
		}
	} finally {
		await scratch.drop()
	}
}

export type PendingGift = { donationId: string; campaignId: string; sessionId: string; amountMinor: number }

/**
 * Writes `count` pending gifts of `amountMinor` straight into the database,
 * as the donate form leaves them (each with its Checkout Session id), spread
 * round-robin over `campaignIds`.
 */
export async function seedPendingGifts(
	sql: postgres.Sql,
	campaignIds: string[],
	count: number,
	amountMinor: number,
	label: string,
): Promise<PendingGift[]> {
	return sql<PendingGift[]>`
		insert into donations (campaign_id, donor_name, donor_email, amount_minor, currency, stripe_checkout_session_id)
		select (${sql.array(campaignIds)}::uuid[])[1 + (g % ${campaignIds.length})], 'Bench donor ' || g,
			'bench-' || ${label} || '-' || g || '@example.org', ${amountMinor}, c.currency,
			'cs_bench_' || ${label} || '_' || g
		from generate_series(0, ${count - 1}) g
		join campaigns c on c.id = (${sql.array(campaignIds)}::uuid[])[1 + (g % ${campaignIds.length})]
		returning id as "donationId", campaign_id as "campaignId", stripe_checkout_session_id as "sessionId",
			amount_minor::int as "amountMinor"`
}

/** `count` published campaigns like `slug` (same owner and currency, a goal out of reach), for the spread-out row. */
export async function copyCampaigns(sql: postgres.Sql, slug: string, count: number, label = 'bench') {
	const rows = await sql<{ id: string }[]>`
		insert into campaigns (owner_id, kind, slug, title, story, goal_minor, currency, status, published_at)
		select owner_id, kind, slug || '-' || ${label} || '-' || g, title || ' ' || g, story, 100000000, currency, 'active', now()
		from campaigns, generate_series(1, ${count}) g where slug = ${slug}
		returning id`
	return rows.map((r) => r.id)
}

const signer = new Stripe('sk_offline_signature_checks_only')

/** A signed `checkout.session.completed` for a pending gift, as Stripe would post it. */
export function signedCompletion(gift: PendingGift, currency: string, secret: string) {
	const body = JSON.stringify({
		id: `evt_bench_${gift.donationId.replace(/-/g, '')}`,
		object: 'event',
		type: 'checkout.session.completed',
		data: {
			object: {
				id: gift.sessionId,
				object: 'checkout.session',
				amount_total: gift.amountMinor,
				currency: currency.toLowerCase(),
				payment_intent: `pi_bench_${gift.donationId.replace(/-/g, '')}`,
				payment_status: 'paid',
				status: 'complete',
				metadata: { donation_id: gift.donationId, campaign_id: gift.campaignId },
			},
		},
	})
	return { body, signature: signer.webhooks.generateTestHeaderString({ payload: body, secret }) }
}

/**
 * Whether the money record came out exact: every gift counted once (one
 * movement, succeeded, one receipt queued), each campaign's stored total and
 * donor count moved by exactly its gifts, and no campaign drifting from its
 * movements. Returns the problems found (none, when exact).
 */
export async function ingestionProblems(
	sql: postgres.Sql,
	gifts: PendingGift[],
	before: Map<string, { raised: number; donors: number }>,
) {
	const problems: string[] = []
	const ids = gifts.map((g) => g.donationId)
	const [counted] = await sql<{ wrong: number }[]>`
		select count(*)::int as wrong from donations d where d.id = any(${sql.array(ids)}::uuid[]) and (
			d.status <> 'succeeded'
			or (select count(*) from money_movements m where m.donation_id = d.id and m.kind = 'donation_succeeded') <> 1
			or (select count(*) from emails e where e.cause_key = 'receipt:' || d.id::text) <> 1)`
	if (counted!.wrong > 0) problems.push(`${counted!.wrong} gifts not counted exactly once`)
	const expected = new Map<string, { raised: number; donors: number }>()
	for (const gift of gifts) {
		const was = expected.get(gift.campaignId) ?? before.get(gift.campaignId) ?? { raised: 0, donors: 0 }
		expected.set(gift.campaignId, { raised: was.raised + gift.amountMinor, donors: was.donors + 1 })
	}
	const now = await campaignTotals(sql, [...expected.keys()])
	for (const [id, want] of expected) {
		const got = now.get(id)
		if (got?.raised !== want.raised || got.donors !== want.donors)
			problems.push(`campaign ${id}: ${got?.raised}/${got?.donors} stored, ${want.raised}/${want.donors} expected`)
	}
	const [drift] = await sql<{ n: number }[]>`
		select count(*)::int as n from campaigns c where c.raised_minor <>
			coalesce((select sum(m.amount_minor) from money_movements m where m.campaign_id = c.id), 0)`
	if (drift!.n > 0) problems.push(`${drift!.n} campaigns drift from their movements`)
	return problems
}

/** Stored raised total and donor count of each campaign. */
export async function campaignTotals(sql: postgres.Sql, campaignIds: string[]) {
	const rows = await sql<{ id: string; raised: number; donors: number }[]>`
		select id, raised_minor::bigint::float8 as raised, donor_count as donors
		from campaigns where id = any(${sql.array(campaignIds)}::uuid[])`
	return new Map(rows.map((r) => [r.id, { raised: r.raised, donors: r.donors }]))
}
