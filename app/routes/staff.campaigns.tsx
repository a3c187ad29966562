import { Pagination } from '#app/components/pagination.tsx'
import { ActionNotice } from '#app/components/action-notice.tsx'
import { campaignStatusLabels } from '#app/utils/status-labels.ts'
import { campaignPath } from '#app/campaigns/urls.ts'
import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { FieldErrors, FormErrors } from '#app/components/form-fields.tsx'
import { getCharity } from '#app/config/charity.server.ts'
import { requireStaff } from '#app/people/session.server.ts'
import {
	approveCampaign,
	campaignStatuses,
	hideCampaign,
	listCampaignsForStaff,
	setFeatured,
	unhideCampaign,
	type CampaignStatus,
	type StaffCampaignRow,
} from '#app/staff/moderation.server.ts'
import { formValue, readFormData } from '#app/utils/forms.server.ts'
import { formText } from '#app/utils/forms.ts'
import { formatMoney } from '#app/utils/money.ts'
import { ownEntry } from '#app/utils/lookup.ts'
import { isUuid } from '#app/utils/ids.ts'

const PAGE_SIZE = 50
const REASON_MAX = 500

const campaignId = z.uuid('Choose a fundraiser')
const hideSchema = z.strictObject({
	intent: z.literal('hide'),
	campaignId,
	reason: formText({ error: 'Please say why you are hiding it; the fundraiser will see this' })
		.trim()
		.min(1, 'Please say why you are hiding it; the fundraiser will see this')
		.max(REASON_MAX, `Please keep the reason to ${REASON_MAX} characters`),
})
const schemas = {
	approve: z.strictObject({ intent: z.literal('approve'), campaignId }),
	hide: hideSchema,
	unhide: z.strictObject({ intent: z.literal('unhide'), campaignId }),
	feature: z.strictObject({ intent: z.literal('feature'), campaignId }),
	unfeature: z.strictObject({ intent: z.literal('unfeature'), campaignId }),
} as const
type Intent = keyof typeof schemas

const doneMessages: Record<string, string> = {
	approve: 'Marked as reviewed.',
	hide: 'The fundraiser is hidden from the public. Its owner sees your reason on their page and dashboard.',
	unhide: 'The fundraiser is public again.',
	feature: 'The fundraiser is now featured on the home page.',
	unfeature: 'The fundraiser is no longer featured.',
}

const statusStyle: Record<CampaignStatus, string> = {
	draft: 'bg-amber-100 text-amber-950',
	active: 'bg-emerald-100 text-emerald-950',
	ended: 'bg-stone-200 text-ink',
	hidden: 'bg-red-100 text-red-950',
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

type ActionResult = {
	intent: string | null
	campaignId: string | null
	result: SubmissionResult<string[]> | null
	error: string | null
}

export async function action({ request }: ActionFunctionArgs) {
	const staff = await requireStaff(request)
	const formData = await readFormData(request)
	const intent = formValue(formData, 'intent') as Intent
	const targetId = formValue(formData, 'campaignId')
	const schema = ownEntry(schemas, intent) ?? null
	if (!schema)
		return data<ActionResult>(
			{ intent: null, campaignId: targetId, result: null, error: 'Unknown action.' },
			{ status: 400 },
		)
	const submission = parseWithZod(formData, { schema })
	if (submission.status !== 'success') {
		return data<ActionResult>(
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
		return data<ActionResult>(
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
			<Form
				method="get"
				className="flex flex-wrap items-end gap-4 rounded-xl bg-sand p-4"
				key={`${filters.status}|${filters.q}|${filters.unreviewed}`}
			>
				<div>
					<label htmlFor="filter-status" className="field-label">
						Status
					</label>
					<select id="filter-status" name="status" defaultValue={filters.status ?? ''} className="field-input">
						<option value="">Any status</option>
						{campaignStatusOptions.map((status) => (
							<option key={status} value={status}>
								{campaignStatusLabels[status]}
							</option>
						))}
					</select>
				</div>
				<div className="min-w-0 flex-1 basis-60">
					<label htmlFor="filter-q" className="field-label">
						Search
					</label>
					<input
						id="filter-q"
						name="q"
						type="search"
						defaultValue={filters.q}
						placeholder="Title, short link, owner name or email"
						className="field-input"
					/>
				</div>
				<div className="flex items-center gap-2 pb-3">
					<input
						id="filter-unreviewed"
						name="unreviewed"
						type="checkbox"
						value="1"
						defaultChecked={filters.unreviewed}
						className="h-5 w-5 accent-brand"
					/>
					<label htmlFor="filter-unreviewed">Not yet reviewed</label>
				</div>
				<div className="flex gap-3">
					<button type="submit" className="btn-primary px-4 py-2.5">
						Filter
					</button>
					{filters.status || filters.q || filters.unreviewed ? (
						<Link to="/staff/campaigns" className="btn-secondary px-4 py-2.5">
							Clear
						</Link>
					) : null}
				</div>
			</Form>
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

const campaignStatusOptions: CampaignStatus[] = ['active', 'ended', 'hidden', 'draft']

const smallButton = 'btn-secondary px-3 py-1.5 text-sm'

function CampaignRow({
	campaign,
	locale,
	actionData,
}: {
	campaign: StaffCampaignRow
	locale: string
	actionData?: ActionResult
}) {
	const navigation = useNavigation()
	const busy = navigation.state === 'submitting' && navigation.formData?.get('campaignId') === campaign.id
	const money = (minor: number) => formatMoney(minor, campaign.currency, locale, { wholeUnits: true })
	const date = (value: string | Date) =>
		new Date(value).toLocaleDateString(locale, { day: 'numeric', month: 'short', year: 'numeric' })
	const rowError = actionData && actionData.intent !== 'hide' ? actionData.error : null
	const simpleAction = (intent: Exclude<Intent, 'hide'>, label: string) => (
		<Form method="post">
			<input type="hidden" name="intent" value={intent} />
			<input type="hidden" name="campaignId" value={campaign.id} />
			<button type="submit" className={smallButton} aria-disabled={busy || undefined}>
				{label}
				<span className="sr-only"> {campaign.title}</span>
			</button>
		</Form>
	)
	return (
		<li className="space-y-3 p-4 sm:p-5">
			<div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
				<div className="min-w-0">
					<h2 className="text-lg font-bold wrap-anywhere">
						<Link to={campaignPath(campaign.slug)} className="text-brand underline">
							{campaign.title}
						</Link>
					</h2>
					<p className="text-sm text-muted wrap-anywhere">
						/f/{campaign.slug} · {campaign.ownerName || 'No name'} · {campaign.ownerEmail} · created{' '}
						{date(campaign.createdAt)}
					</p>
				</div>
				<ul className="flex flex-wrap gap-2 text-sm" aria-label="Status">
					<li className={`rounded px-2 py-0.5 font-semibold ${statusStyle[campaign.status]}`}>
						{campaignStatusLabels[campaign.status]}
					</li>
					{campaign.featured ? (
						<li className="rounded bg-brand-light px-2 py-0.5 font-semibold text-brand-dark">Featured</li>
					) : null}
					<li
						className={`rounded px-2 py-0.5 ${campaign.reviewedAt ? 'bg-stone-100 text-ink' : 'bg-amber-100 text-amber-950'}`}
					>
						{campaign.reviewedAt ? `Reviewed ${date(campaign.reviewedAt)}` : 'Not reviewed'}
					</li>
					{campaign.openReports > 0 ? (
						<li>
							<Link
								to="/staff/reports"
								className="inline-block rounded bg-red-100 px-2 py-0.5 font-semibold text-red-950 underline"
							>
								{campaign.openReports} open {campaign.openReports === 1 ? 'report' : 'reports'}
							</Link>
						</li>
					) : null}
				</ul>
			</div>
			<p className="text-[15px]">
				<strong>{money(campaign.raisedMinor)}</strong> raised of {money(campaign.goalMinor)} · {campaign.donorCount}{' '}
				{campaign.donorCount === 1 ? 'donor' : 'donors'}
			</p>
			{campaign.status === 'hidden' && campaign.hiddenReason ? (
				<p className="rounded-md bg-red-50 p-2 text-sm text-red-950 wrap-anywhere">
					Hidden because: {campaign.hiddenReason}
				</p>
			) : null}
			<div className="flex flex-wrap items-start gap-2">
				{campaign.reviewedAt ? null : simpleAction('approve', 'Approve')}
				{campaign.status === 'active' && !campaign.featured ? simpleAction('feature', 'Feature') : null}
				{campaign.featured ? simpleAction('unfeature', 'Unfeature') : null}
				{campaign.status === 'hidden' ? simpleAction('unhide', 'Unhide') : null}
				{campaign.status === 'active' || campaign.status === 'ended' ? (
					<HideForm
						campaignId={campaign.id}
						title={campaign.title}
						lastResult={actionData?.intent === 'hide' ? (actionData.result ?? undefined) : undefined}
					/>
				) : null}
			</div>
			{rowError ? (
				<p role="alert" className="field-error">
					{rowError}
				</p>
			) : null}
		</li>
	)
}

function HideForm({
	campaignId,
	title,
	lastResult,
}: {
	campaignId: string
	title: string
	lastResult?: SubmissionResult<string[]>
}) {
	const [form, fields] = useForm({
		id: `hide-${campaignId}`,
		lastResult,
		constraint: getZodConstraint(hideSchema),
		shouldValidate: 'onSubmit',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: hideSchema }),
	})
	return (
		<details className="w-full sm:w-auto sm:min-w-80" open={Boolean(lastResult)}>
			<summary className="btn cursor-pointer border-2 border-red-800 bg-white px-3 py-1.5 text-sm text-red-800 hover:bg-red-50">
				<span>Hide…</span>
				<span className="sr-only"> {title}</span>
			</summary>
			<Form
				method="post"
				{...getFormProps(form)}
				className="mt-2 space-y-2 rounded-md border border-stone-200 bg-white p-3"
			>
				<input type="hidden" name="intent" value="hide" />
				<input type="hidden" name="campaignId" value={campaignId} />
				<FormErrors id={form.errorId} errors={form.errors} />
				<label htmlFor={fields.reason.id} className="field-label text-sm">
					Reason (shown to the fundraiser)
				</label>
				<textarea
					{...getTextareaProps(fields.reason)}
					key={fields.reason.key}
					rows={3}
					className="field-input text-sm"
				/>
				<FieldErrors id={fields.reason.errorId} errors={fields.reason.errors} />
				<button
					type="submit"
					className="btn border-2 border-red-800 bg-red-800 px-3 py-1.5 text-sm text-white hover:bg-red-900"
				>
					Hide from the public
				</button>
			</Form>
		</details>
	)
}
