import { ActionNotice } from '#app/components/action-notice.tsx'
import { donationStatusLabels, takenBackStatuses } from '#app/utils/status-labels.ts'
import { campaignPath, campaignUrl } from '#app/campaigns/urls.ts'
import { getFormProps, getInputProps, getTextareaProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import {
	campaignUpdateSchema,
	endCampaignSchema,
	offlineDonationSchema,
	thankDonorSchema,
} from '#app/campaigns/campaign-schema.ts'
import { getCampaignSummary } from '#app/campaigns/campaigns.server.ts'
import { handleManageAction } from '#app/campaigns/manage-action.server.ts'
import {
	listCampaignDonationsForOwner,
	listCampaignUpdates,
	requireOwnedCampaign,
} from '#app/campaigns/manage.server.ts'
import { ProgressBar } from '#app/components/campaign-card.tsx'
import {
	FieldErrors,
	FormErrors,
	FormTokenInput,
	SubmitButton,
	TextField,
	useResetAfterSuccess,
} from '#app/components/form-fields.tsx'
import { SharePanel } from '#app/components/share-panel.tsx'
import { getCharity } from '#app/config/charity.server.ts'
import { getEnv } from '#app/config/env.server.ts'
import { requireSessionPerson } from '#app/people/session.server.ts'
import { ParticipantPanel } from '#app/components/event-page/participant-panel.tsx'
import { getParticipantPanel } from '#app/events/join.server.ts'
import { newFormToken } from '#app/utils/form-token.server.ts'
import { formatMoney } from '#app/utils/money.ts'
import { ownEntry } from '#app/utils/lookup.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const person = await requireSessionPerson(request)
	const campaign = await requireOwnedCampaign(params.campaignId ?? '', person)
	const [summary, donations, updates, eventPanel] = await Promise.all([
		getCampaignSummary(campaign.id),
		listCampaignDonationsForOwner(campaign.id),
		listCampaignUpdates(campaign.id),
		getParticipantPanel(campaign.id),
	])
	return {
		campaign: { ...summary!, hiddenReason: campaign.hiddenReason },
		donations,
		updates,
		eventPanel,
		url: campaignUrl(getEnv().APP_URL, campaign.slug),
		widgetUrl: campaignUrl(getEnv().APP_URL, campaign.slug, 'widget'),
		locale: getCharity().locale,
		// One token per rendered form: a double click or a resent form creates nothing twice.
		formTokens: { postUpdate: newFormToken(), recordOffline: newFormToken(), thankDonor: newFormToken() },
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const person = await requireSessionPerson(request)
	const campaign = await requireOwnedCampaign(params.campaignId ?? '', person)
	return handleManageAction(request, person, campaign)
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: data ? `Manage: ${data.campaign.title}` : 'Manage fundraiser' },
]

const doneMessages: Record<string, string> = {
	update: 'Your update is posted on your page.',
	offline: 'Offline gift recorded. It will count in your total once our team confirms it.',
	thanks: 'Your thank-you is on its way to the donor.',
	ended: 'Your fundraiser has ended. Thank you for everything you raised!',
	saved: 'Your changes are saved.',
	joined: 'You’re in! Your page is live: share it with everyone you know.',
	'joined-awaiting-fee': 'You’re in! Your page goes live once your registration fee is paid.',
	team: 'Your team is saved.',
}

type ActionResult = { intent: string | null; result: SubmissionResult<string[]> | null; error: string | null }

function resultFor(actionData: ActionResult | undefined, intent: string) {
	return actionData?.intent === intent ? (actionData.result ?? undefined) : undefined
}

export default function ManageCampaign() {
	const { campaign, donations, updates, eventPanel, url, widgetUrl, locale, formTokens } =
		useLoaderData<typeof loader>()
	const navigation = useNavigation()
	const actionData = useActionData<typeof action>() as ActionResult | undefined
	const [searchParams] = useSearchParams()
	const done = ownEntry(doneMessages, searchParams.get('done'))
	const money = (minor: number) => formatMoney(minor, campaign.currency, locale)
	const raised = formatMoney(campaign.raisedMinor, campaign.currency, locale, { wholeUnits: true })
	const goal = formatMoney(campaign.goalMinor, campaign.currency, locale, { wholeUnits: true })
	const pending = donations.filter((d) => d.status === 'pending_confirmation')
	return (
		<div className="mx-auto max-w-5xl px-4 py-10">
			<Link to="/dashboard" className="text-brand underline">
				← My fundraisers
			</Link>
			<h1 className="mt-3 text-3xl font-bold">{campaign.title}</h1>
			{done ? <ActionNotice className="mt-4">{done}</ActionNotice> : null}
			{campaign.status === 'hidden' ? (
				<ActionNotice className="mt-4" tone="bad">
					Our team has hidden this page from the public.{' '}
					{campaign.hiddenReason ? `Reason: ${campaign.hiddenReason}` : null}
				</ActionNotice>
			) : null}
			<div className="mt-6 grid gap-8 lg:grid-cols-3">
				<div className="min-w-0 space-y-8 lg:col-span-2">
					{eventPanel ? (
						<ParticipantPanel
							panel={eventPanel}
							lastResult={resultFor(actionData, 'change-team')}
							money={money}
							pending={navigation.state === 'submitting' && navigation.formData?.get('intent') === 'change-team'}
						/>
					) : null}
					<section className="rounded-xl border border-stone-200 p-6 shadow-sm" aria-label="Progress">
						<p className="font-serif text-3xl font-bold">{raised}</p>
						<p className="text-muted">
							raised of {goal} · {campaign.donorCount} {campaign.donorCount === 1 ? 'donor' : 'donors'}
						</p>
						<div className="mt-3">
							<ProgressBar
								raisedMinor={campaign.raisedMinor}
								goalMinor={campaign.goalMinor}
								label={`${raised} raised of ${goal}`}
							/>
						</div>
						<p className="mt-4 flex flex-wrap gap-3">
							<Link to={campaignPath(campaign.slug)} className="btn-secondary px-4 py-2 text-sm">
								View page
							</Link>
							<Link to={`/dashboard/${campaign.id}/edit`} className="btn-secondary px-4 py-2 text-sm">
								Edit details
							</Link>
						</p>
					</section>

					<section aria-labelledby="donations-heading">
						<h2 id="donations-heading" className="text-2xl font-bold">
							Donations
						</h2>
						{donations.length === 0 ? (
							<p className="mt-2 text-muted">
								No donations yet. Tip: give first yourself, then ask five people personally.
							</p>
						) : (
							<ul className="mt-3 divide-y divide-stone-200 rounded-xl border border-stone-200">
								{donations.map((donation) => (
									<li key={donation.id} className="space-y-1 p-4">
										<p className="flex justify-between gap-3">
											<span className="min-w-0 font-semibold wrap-anywhere">
												{donation.donorName}
												{donation.anonymous ? (
													<span className="font-normal text-muted"> (shown as Anonymous)</span>
												) : null}
											</span>
											<span className="shrink-0 font-semibold text-brand-dark">{money(donation.amountMinor)}</span>
										</p>
										<p className="text-sm text-muted wrap-anywhere">
											{new Date(donation.succeededAt ?? donation.createdAt).toLocaleDateString(locale, {
												day: 'numeric',
												month: 'short',
												year: 'numeric',
											})}
											{donation.channel === 'offline' ? ' · cash or cheque' : ' · online'}
											{donation.status === 'pending_confirmation' ? (
												<span className="ml-2 rounded bg-amber-100 px-2 py-0.5 text-amber-950">
													{donationStatusLabels.pending_confirmation}
												</span>
											) : null}
											{donation.status === 'rejected' ? (
												<span className="ml-2 rounded bg-red-100 px-2 py-0.5 text-red-950">
													{donationStatusLabels.rejected}
												</span>
											) : null}
											{takenBackStatuses.has(donation.status) ? (
												<span className="ml-2 inline-block rounded bg-stone-200 px-2 py-0.5 text-ink">
													{donationStatusLabels[donation.status]}
													{donation.netMinor > 0 && donation.netMinor !== donation.amountMinor
														? ` · ${money(donation.netMinor)} still counts`
														: null}
												</span>
											) : null}
											{donation.donorEmail ? <> · {donation.donorEmail}</> : null}
										</p>
										{donation.message ? <p className="text-[15px] wrap-anywhere">“{donation.message}”</p> : null}
										{donation.status === 'rejected' && donation.failureReason ? (
											<p className="text-sm text-red-900 wrap-anywhere">Why: {donation.failureReason}</p>
										) : null}
										{donation.offlineNote ? <p className="text-sm text-muted">Note: {donation.offlineNote}</p> : null}
										{donation.canThank ? (
											donation.thanked > 0 ? (
												<p className="text-sm text-emerald-800">✓ Thanked</p>
											) : (
												<ThankDonorForm
													donationId={donation.id}
													donorName={donation.donorName}
													token={formTokens.thankDonor}
													lastResult={resultFor(actionData, 'thank-donor')}
												/>
											)
										) : (
											<ThanksRefusal donationId={donation.id} lastResult={resultFor(actionData, 'thank-donor')} />
										)}
									</li>
								))}
							</ul>
						)}
					</section>

					<section aria-labelledby="update-heading">
						<h2 id="update-heading" className="text-2xl font-bold">
							Post an update
						</h2>
						<p className="mt-1 text-muted">Training, progress, the big day: updates keep people giving.</p>
						<PostUpdateForm token={formTokens.postUpdate} lastResult={resultFor(actionData, 'post-update')} />
						{updates.length > 0 ? (
							<ol className="mt-4 space-y-3">
								{updates.map((update) => (
									<li key={update.id} className="rounded-lg bg-sand p-4">
										<p className="text-sm text-muted">
											{new Date(update.createdAt).toLocaleDateString(locale, { day: 'numeric', month: 'long' })}
										</p>
										<p className="whitespace-pre-line wrap-anywhere">{update.body}</p>
									</li>
								))}
							</ol>
						) : null}
					</section>
				</div>

				<div className="min-w-0 space-y-8">
					{campaign.status === 'active' || campaign.status === 'ended' ? (
						<SharePanel url={url} title={campaign.title} slug={campaign.slug} />
					) : null}
					{campaign.status === 'active' || campaign.status === 'ended' ? (
						<EmbedWidget widgetUrl={widgetUrl} title={campaign.title} />
					) : null}
					<section aria-labelledby="offline-heading" className="rounded-xl border border-stone-200 p-6">
						<h2 id="offline-heading" className="text-xl font-bold">
							Record an offline gift
						</h2>
						<p className="mt-1 text-sm text-muted">
							Collected cash or a cheque? Record it here; it shows as pending and counts once our team confirms it.
						</p>
						{pending.length > 0 ? (
							<p className="mt-2 text-sm">
								{pending.length} offline {pending.length === 1 ? 'gift is' : 'gifts are'} waiting for confirmation.
							</p>
						) : null}
						<OfflineDonationForm
							token={formTokens.recordOffline}
							lastResult={resultFor(actionData, 'record-offline')}
							currency={campaign.currency}
						/>
					</section>
					{campaign.status === 'active' ? <EndCampaignForm lastResult={resultFor(actionData, 'end-campaign')} /> : null}
				</div>
			</div>
		</div>
	)
}

function PostUpdateForm({ token, lastResult }: { token: string; lastResult?: SubmissionResult<string[]> }) {
	const navigation = useNavigation()
	const [form, fields] = useForm({
		id: 'post-update',
		lastResult,
		constraint: getZodConstraint(campaignUpdateSchema),
		shouldValidate: 'onSubmit',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: campaignUpdateSchema }),
	})
	useResetAfterSuccess(form, 'post-update')
	return (
		<Form method="post" {...getFormProps(form)} className="mt-3 space-y-3">
			<input type="hidden" name="intent" value="post-update" />
			<FormTokenInput token={token} />
			<FormErrors id={form.errorId} errors={form.errors} />
			<label htmlFor={fields.body.id} className="field-label">
				Your update
			</label>
			<textarea {...getTextareaProps(fields.body)} key={fields.body.key} rows={4} className="field-input" />
			<FieldErrors id={fields.body.errorId} errors={fields.body.errors} />
			<SubmitButton pending={navigation.state === 'submitting' && navigation.formData?.get('intent') === 'post-update'}>
				Post update
			</SubmitButton>
		</Form>
	)
}

function OfflineDonationForm({
	token,
	lastResult,
	currency,
}: {
	token: string
	lastResult?: SubmissionResult<string[]>
	currency: string
}) {
	const navigation = useNavigation()
	const [form, fields] = useForm({
		id: 'record-offline',
		lastResult,
		constraint: getZodConstraint(offlineDonationSchema),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: offlineDonationSchema }),
	})
	useResetAfterSuccess(form, 'record-offline')
	return (
		<Form method="post" {...getFormProps(form)} className="mt-4 space-y-4">
			<input type="hidden" name="intent" value="record-offline" />
			<FormTokenInput token={token} />
			<FormErrors id={form.errorId} errors={form.errors} />
			<div>
				<label htmlFor={fields.amount.id} className="field-label">
					Amount ({currency})
				</label>
				<input
					{...getInputProps(fields.amount, { type: 'text' })}
					key={fields.amount.key}
					inputMode="decimal"
					className="field-input"
				/>
				<FieldErrors id={fields.amount.errorId} errors={fields.amount.errors} />
			</div>
			<TextField field={fields.donorName} label="Donor's name" />
			<TextField
				field={fields.note}
				label="Note"
				hint="For example: cash from the bake sale, cheque no. 100234."
				optional
			/>
			<SubmitButton
				pending={navigation.state === 'submitting' && navigation.formData?.get('intent') === 'record-offline'}
			>
				Record gift
			</SubmitButton>
		</Form>
	)
}

function ThankDonorForm({
	donationId,
	donorName,
	token,
	lastResult,
}: {
	donationId: string
	donorName: string
	token: string
	lastResult?: SubmissionResult<string[]>
}) {
	const mine = lastResult?.initialValue?.donationId === donationId ? lastResult : undefined
	const [form, fields] = useForm({
		id: `thank-${donationId}`,
		lastResult: mine,
		constraint: getZodConstraint(thankDonorSchema),
		shouldValidate: 'onSubmit',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: thankDonorSchema }),
	})
	return (
		<details className="text-sm" open={Boolean(mine)}>
			<summary className="cursor-pointer font-semibold text-brand wrap-anywhere">Say thank you to {donorName}</summary>
			<Form method="post" {...getFormProps(form)} className="mt-2 space-y-2">
				<input type="hidden" name="intent" value="thank-donor" />
				<input type="hidden" name="donationId" value={donationId} />
				<FormTokenInput token={token} />
				<FormErrors id={form.errorId} errors={form.errors} />
				<label htmlFor={fields.message.id} className="field-label">
					Your message
				</label>
				<textarea {...getTextareaProps(fields.message)} key={fields.message.key} rows={3} className="field-input" />
				<FieldErrors id={fields.message.errorId} errors={fields.message.errors} />
				<p className="text-muted">We email it for you; their address stays private.</p>
				<button type="submit" className="btn-primary px-4 py-2 text-sm">
					Send thank-you
				</button>
			</Form>
		</details>
	)
}

/**
 * A thank-you refused for a gift that can no longer be thanked (refunded or
 * taken back after its form was shown): the form is gone, so the reason is
 * shown beside the gift.
 */
function ThanksRefusal({ donationId, lastResult }: { donationId: string; lastResult?: SubmissionResult<string[]> }) {
	if (lastResult?.initialValue?.donationId !== donationId) return null
	return <FormErrors errors={lastResult.error?.[''] ?? undefined} />
}

function EndCampaignForm({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
	const [form, fields] = useForm({
		id: 'end-campaign',
		lastResult,
		shouldValidate: 'onSubmit',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: endCampaignSchema }),
	})
	return (
		<section aria-labelledby="end-heading" className="rounded-xl border border-stone-200 p-6">
			<h2 id="end-heading" className="text-xl font-bold">
				End your fundraiser early
			</h2>
			<p className="mt-1 text-sm text-muted">
				Your page stays up with its final total and a thank-you; it stops taking donations.
			</p>
			<Form method="post" {...getFormProps(form)} className="mt-3 space-y-3">
				<input type="hidden" name="intent" value="end-campaign" />
				<div className="flex items-start gap-3">
					<input
						{...getInputProps(fields.confirm, { type: 'checkbox' })}
						key={fields.confirm.key}
						className="mt-1 h-5 w-5 accent-brand"
					/>
					<label htmlFor={fields.confirm.id}>Yes, end my fundraiser now</label>
				</div>
				<FieldErrors id={fields.confirm.errorId} errors={fields.confirm.errors} />
				<button
					type="submit"
					className="btn border-2 border-red-800 bg-white px-4 py-2 text-sm text-red-800 hover:bg-red-50"
				>
					End fundraiser
				</button>
			</Form>
		</section>
	)
}

/** The iframe code for putting the progress card on another website. */
function EmbedWidget({ widgetUrl, title }: { widgetUrl: string; title: string }) {
	const code = `<iframe src="${widgetUrl}" width="420" height="240" style="border:0;max-width:100%" title="${title.replace(/"/g, '&quot;')} — fundraising progress" loading="lazy"></iframe>`
	return (
		<section aria-labelledby="embed-heading" className="rounded-xl border border-stone-200 p-6">
			<h2 id="embed-heading" className="text-xl font-bold">
				Show your progress on another website
			</h2>
			<p className="mt-1 text-sm text-muted">
				Paste this code into a club page, a blog or a wedding website. It shows your total and a Donate button, and
				updates itself.
			</p>
			<label htmlFor="embed-code" className="field-label mt-3 text-sm">
				Embed code
			</label>
			<textarea
				id="embed-code"
				readOnly
				rows={4}
				value={code}
				className="field-input font-mono text-xs"
				onFocus={(e) => e.currentTarget.select()}
			/>
			<p className="mt-2 text-sm">
				<a href={widgetUrl} target="_blank" rel="noopener" className="text-brand underline">
					Preview the progress card<span className="sr-only"> (opens in a new tab)</span>
				</a>
			</p>
		</section>
	)
}
