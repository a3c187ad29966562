import { Pagination } from '#app/components/pagination.tsx'
import { ActionNotice } from '#app/components/action-notice.tsx'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { getCharity } from '#app/config/charity.server.ts'
import { requireStaff } from '#app/people/session.server.ts'
import { CampaignFilters } from '#app/staff/campaigns/campaign-filters.tsx'
import { CampaignRow } from '#app/staff/campaigns/campaign-row.tsx'
import { moderationSchemas, type ModerationActionResult, type ModerationIntent } from '#app/staff/campaigns/schemas.ts'
import {
	approveCampaign,
	campaignStatuses,
	hideCampaign,
	listCampaignsForStaff,
	setFeatured,
	unhideCampaign,
	type CampaignStatus,
} from '#app/staff/moderation.server.ts'
import { formValue, readFormData } from '#app/utils/forms.server.ts'
import { ownEntry } from '#app/utils/lookup.ts'
import { isUuid } from '#app/utils/ids.ts'

const PAGE_SIZE = 50

const doneMessages: Record<string, string> = {
	approve: 'Marked as reviewed.',
	hide: 'The fundraiser is hidden from the public. Its owner sees your reason on their page and dashboard.',
	unhide: 'The fundraiser is public again.',
	feature: 'The fundraiser is now featured on the home page.',
	unfeature: 'The fundraiser is no longer featured.',
}

function readFilters(url: URL) {
	const status = url.searchParams.get('status') ?? ''
	const idParam = (name: string) => {
		const value = url.searchParams.get(name)
		return isUuid(value) ? value : undefined
	}
	// A page starts beside a campaign of the page next to it (keyset); a page number alone (an old link) is page 1.
	const position = { before: idParam('before'), after: idParam('before') ? undefined : idParam('after') }
	const pageAsked = Math.max(1, Math.min(1_000_000, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1))
	return {
		status: (campaignStatuses as readonly string[]).includes(status) ? (status as CampaignStatus) : null,
		q: (url.searchParams.get('q') ?? '').trim().slice(0, 200),
		unreviewed: url.searchParams.get('unreviewed') === '1',
		position,
		page: position.before || position.after ? pageAsked : 1,
	}
}

export async function loader({ request }: LoaderFunctionArgs) {
	await requireStaff(request)
	const url = new URL(request.url)
	const filters = readFilters(url)
	const { campaigns, total } = await listCampaignsForStaff({
		status: filters.status ?? undefined,
		search: filters.q || undefined,
		unreviewedOnly: filters.unreviewed,
		limit: PAGE_SIZE,
		...(filters.page > 1 ? filters.position : {}),
	})
	return {
		campaigns,
		total,
		filters,
		pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
		done: ownEntry(doneMessages, url.searchParams.get('done')) ?? null,
		locale: getCharity().locale,
	}
}

export async function action({ request }: ActionFunctionArgs) {
	const staff = await requireStaff(request)
	const formData = await readFormData(request)
	const intent = formValue(formData, 'intent') as ModerationIntent
	const targetId = formValue(formData, 'campaignId')
	const schema = ownEntry(moderationSchemas, intent) ?? null
	if (!schema)
		return data<ModerationActionResult>(
			{ intent: null, campaignId: targetId, result: null, error: 'Unknown action.' },
			{ status: 400 },
		)
	const submission = parseWithZod(formData, { schema })
	if (submission.status !== 'success') {
		return data<ModerationActionResult>(
			{ intent, campaignId: targetId, result: submission.reply(), error: 'Please check the form.' },
			{ status: 400 },
		)
	}
	const value = submission.value
	const outcome =
		value.intent === 'approve'
			? await approveCampaign(value.campaignId, staff)
			: value.intent === 'hide'
				? await hideCampaign(value.campaignId, staff, value.reason)
				: value.intent === 'unhide'
					? await unhideCampaign(value.campaignId, staff)
					: await setFeatured(value.campaignId, staff, value.intent === 'feature')
	if (!outcome.ok) {
		return data<ModerationActionResult>(
			{ intent, campaignId: targetId, result: submission.reply({ formErrors: [outcome.error] }), error: outcome.error },
			{ status: 400 },
		)
	}
	// Back to the same filtered page, with a note of what happened.
	const back = new URL(request.url).searchParams
	for (const key of ['done', '_routes', 'index']) back.delete(key)
	back.set('done', intent)
	return redirect(`/staff/campaigns?${back}`)
}

export const meta: MetaFunction = () => [{ title: 'Campaigns — Staff' }, { name: 'robots', content: 'noindex' }]

export default function StaffCampaigns() {
	const { campaigns, total, filters, pageCount, done, locale } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const pageLink = (page: number) => {
		const params = new URLSearchParams()
		if (filters.status) params.set('status', filters.status)
		if (filters.q) params.set('q', filters.q)
		if (filters.unreviewed) params.set('unreviewed', '1')
		if (page > 1) {
			// Newer: the campaigns after this page's first; older: those before its last.
			if (page < filters.page) params.set('after', campaigns[0]?.id ?? '')
			else params.set('before', campaigns.at(-1)?.id ?? '')
			params.set('page', String(page))
		}
		const query = params.toString()
		return query ? `/staff/campaigns?${query}` : '/staff/campaigns'
	}
	return (
		<div className="space-y-6">
			<h1 className="text-3xl font-bold">Campaigns</h1>
			{done ? <ActionNotice>{done}</ActionNotice> : null}
			{/* Keyed by the filters, so the fields show the new ones after a search. */}
			<CampaignFilters key={`${filters.status}|${filters.q}|${filters.unreviewed}`} filters={filters} />
			<p className="text-muted" aria-live="polite">
				{total === 0
					? 'No fundraisers match.'
					: `${total} ${total === 1 ? 'fundraiser' : 'fundraisers'}${pageCount > 1 ? ` · page ${filters.page} of ${pageCount}` : ''}`}
			</p>
			{campaigns.length > 0 ? (
				<ul className="divide-y divide-stone-200 rounded-xl border border-stone-200">
					{campaigns.map((campaign) => (
						<CampaignRow
							key={campaign.id}
							campaign={campaign}
							locale={locale}
							actionData={actionData?.campaignId === campaign.id ? actionData : undefined}
						/>
					))}
				</ul>
			) : null}
			<Pagination label="Campaign pages" page={filters.page} pageCount={pageCount} hrefFor={pageLink} />
		</div>
	)
}
