import { Form, Link, useNavigation } from '@remix-run/react'
import { campaignPath } from '#app/campaigns/urls.ts'
import { HideForm } from '#app/staff/campaigns/hide-form.tsx'
import type { ModerationActionResult, ModerationIntent } from '#app/staff/campaigns/schemas.ts'
import type { CampaignStatus, StaffCampaignRow } from '#app/staff/moderation.server.ts'
import { formatMoney } from '#app/utils/money.ts'
import { campaignStatusLabels } from '#app/utils/status-labels.ts'

const statusStyle: Record<CampaignStatus, string> = {
	draft: 'bg-amber-100 text-amber-950',
	active: 'bg-emerald-100 text-emerald-950',
	ended: 'bg-stone-200 text-ink',
	hidden: 'bg-red-100 text-red-950',
}

const smallButton = 'btn-secondary px-3 py-1.5 text-sm'

function shortDate(value: string | Date, locale: string) {
	return new Date(value).toLocaleDateString(locale, { day: 'numeric', month: 'short', year: 'numeric' })
}

/** One fundraiser in the moderation list: what it is, where it stands, and what staff can do to it. */
export function CampaignRow({
	campaign,
	locale,
	actionData,
}: {
	campaign: StaffCampaignRow
	locale: string
	/** The last failed post, when it was about this fundraiser. */
	actionData?: ModerationActionResult
}) {
	const money = (minor: number) => formatMoney(minor, campaign.currency, locale, { wholeUnits: true })
	const rowError = actionData && actionData.intent !== 'hide' ? actionData.error : null
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
						{shortDate(campaign.createdAt, locale)}
					</p>
				</div>
				<CampaignBadges campaign={campaign} locale={locale} />
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
			<CampaignActions campaign={campaign} actionData={actionData} />
			{rowError ? (
				<p role="alert" className="field-error">
					{rowError}
				</p>
			) : null}
		</li>
	)
}

function CampaignBadges({ campaign, locale }: { campaign: StaffCampaignRow; locale: string }) {
	return (
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
				{campaign.reviewedAt ? `Reviewed ${shortDate(campaign.reviewedAt, locale)}` : 'Not reviewed'}
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
	)
}

/** Only the actions that make sense for the fundraiser as it stands. */
function CampaignActions({
	campaign,
	actionData,
}: {
	campaign: StaffCampaignRow
	actionData?: ModerationActionResult
}) {
	const navigation = useNavigation()
	const busy = navigation.state === 'submitting' && navigation.formData?.get('campaignId') === campaign.id
	const simpleAction = (intent: Exclude<ModerationIntent, 'hide'>, label: string) => (
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
	)
}
