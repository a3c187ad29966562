import { ActionNotice } from '#app/components/action-notice.tsx'
import { campaignStatusLabels } from '#app/utils/status-labels.ts'
import { campaignPath } from '#app/campaigns/urls.ts'
import { getFormProps, getInputProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { deleteDraftSchema } from '#app/campaigns/campaign-schema.ts'
import { listCampaignsOwnedBy } from '#app/campaigns/campaigns.server.ts'
import { campaignKindLabel } from '#app/campaigns/kinds.ts'
import { deleteDraftCampaign, requireOwnedCampaign } from '#app/campaigns/manage.server.ts'
import { ProgressBar } from '#app/components/campaign-card.tsx'
import { FieldErrors, FormErrors } from '#app/components/form-fields.tsx'
import { getCharity } from '#app/config/charity.server.ts'
import { requireSessionPerson } from '#app/people/session.server.ts'
import { formValue, readFormData } from '#app/utils/forms.server.ts'
import { formatMoney } from '#app/utils/money.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	const person = await requireSessionPerson(request)
	return { firstName: person.firstName, campaigns: await listCampaignsOwnedBy(person.id), locale: getCharity().locale }
}

/** Deletes one of the person's drafts (owner only, drafts only). */
export async function action({ request }: ActionFunctionArgs) {
	const person = await requireSessionPerson(request)
	const formData = await readFormData(request)
	const submission = parseWithZod(formData, { schema: deleteDraftSchema })
	const campaignId = formValue(formData, 'campaignId')
	if (submission.status !== 'success') return data({ campaignId, result: submission.reply() }, { status: 400 })
	const campaign = await requireOwnedCampaign(submission.value.campaignId, person)
	const deleted = await deleteDraftCampaign(campaign)
	if (!deleted.ok)
		return data({ campaignId, result: submission.reply({ formErrors: [deleted.error] }) }, { status: 400 })
	return redirect('/dashboard?done=deleted')
}

export const meta: MetaFunction = () => [{ title: 'My fundraisers' }]

const statusStyle = {
	draft: 'bg-amber-100 text-amber-950',
	active: 'bg-emerald-100 text-emerald-950',
	ended: 'bg-stone-200 text-ink',
	hidden: 'bg-red-100 text-red-950',
} as const

export default function Dashboard() {
	const { firstName, campaigns, locale } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [searchParams] = useSearchParams()
	return (
		<div className="mx-auto max-w-5xl px-4 py-10">
			<div className="flex flex-wrap items-end justify-between gap-4">
				<div>
					<h1 className="text-3xl font-bold">My fundraisers</h1>
					<p className="mt-1 text-muted">
						{campaigns.length === 0
							? firstName
								? `Welcome, ${firstName}.`
								: 'Welcome.'
							: firstName
								? `Welcome back, ${firstName}.`
								: 'Welcome back.'}
					</p>
				</div>
				{campaigns.length > 0 ? (
					<Link to="/start" className="btn-primary">
						Start a new fundraiser
					</Link>
				) : null}
			</div>
			{searchParams.get('done') === 'deleted' ? (
				<ActionNotice className="mt-4">Your draft is deleted.</ActionNotice>
			) : null}
			{campaigns.length === 0 ? (
				<div className="mt-8 rounded-xl bg-sand p-8 text-center">
					<p className="text-lg">You haven't started a fundraiser yet.</p>
					<p className="mt-2 text-muted">
						It takes about three minutes, and our free guide has 25 tips to help you reach your goal.
					</p>
					<div className="mt-5 flex flex-col justify-center gap-3 sm:flex-row">
						<Link to="/start" className="btn-primary">
							Start a fundraiser
						</Link>
						<Link to="/guide/25-tips" className="btn-secondary">
							Read the 25 tips
						</Link>
					</div>
				</div>
			) : (
				<ul className="mt-8 space-y-4">
					{campaigns.map((campaign) => {
						const raised = formatMoney(campaign.raisedMinor, campaign.currency, locale, { wholeUnits: true })
						const goal = formatMoney(campaign.goalMinor, campaign.currency, locale, { wholeUnits: true })
						return (
							<li
								key={campaign.id}
								className="flex flex-col gap-4 rounded-xl border border-stone-200 p-4 shadow-sm sm:flex-row sm:p-5"
							>
								<img
									src={campaign.coverImage ?? `/images/kinds/${campaign.kind}.svg`}
									alt=""
									width={240}
									height={126}
									className="aspect-[1200/630] w-full shrink-0 rounded-md object-cover sm:w-60 sm:self-start"
								/>
								<div className="min-w-0 flex-1 space-y-2">
									<p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs font-semibold uppercase tracking-wider text-accent-dark">
										<span>{campaignKindLabel(campaign.kind)}</span>
										<span aria-hidden="true">·</span>
										<span
											className={`rounded-full px-2 py-0.5 tracking-normal normal-case ${statusStyle[campaign.status]}`}
										>
											{campaignStatusLabels[campaign.status]}
										</span>
									</p>
									<h2 className="text-xl font-bold">{campaign.title}</h2>
									<ProgressBar
										raisedMinor={campaign.raisedMinor}
										goalMinor={campaign.goalMinor}
										label={`${raised} raised of ${goal}`}
									/>
									<p className="text-sm">
										<strong>{raised}</strong> raised of {goal} · {campaign.donorCount}{' '}
										{campaign.donorCount === 1 ? 'donor' : 'donors'}
									</p>
									<p className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
										{campaign.status === 'draft' ? (
											<Link to={`/start/${campaign.id}/details`} className="font-semibold text-brand underline">
												Continue setting up<span className="sr-only"> {campaign.title}</span>
											</Link>
										) : (
											<Link to={`/dashboard/${campaign.id}`} className="font-semibold text-brand underline">
												Manage<span className="sr-only"> {campaign.title}</span>
											</Link>
										)}
										<Link to={campaignPath(campaign.slug)} className="text-brand underline">
											View page<span className="sr-only"> for {campaign.title}</span>
										</Link>
									</p>
									{campaign.status === 'draft' ? (
										<DeleteDraftForm
											campaignId={campaign.id}
											title={campaign.title}
											lastResult={actionData?.campaignId === campaign.id ? actionData.result : undefined}
										/>
									) : null}
								</div>
							</li>
						)
					})}
				</ul>
			)}
		</div>
	)
}

/** Deleting asks for a tick first, so one stray click never loses a draft. */
function DeleteDraftForm({
	campaignId,
	title,
	lastResult,
}: {
	campaignId: string
	title: string
	lastResult?: SubmissionResult<string[]>
}) {
	const [form, fields] = useForm({
		id: `delete-${campaignId}`,
		lastResult,
		shouldValidate: 'onSubmit',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: deleteDraftSchema }),
	})
	return (
		<details className="text-sm" open={Boolean(lastResult)}>
			<summary className="cursor-pointer text-red-800 underline">
				Delete draft<span className="sr-only"> {title}</span>
			</summary>
			<Form
				method="post"
				{...getFormProps(form)}
				className="mt-2 space-y-2 rounded-md border border-red-200 bg-red-50 p-3"
			>
				<input type="hidden" name="intent" value="delete-draft" />
				<input type="hidden" name="campaignId" value={campaignId} />
				<FormErrors id={form.errorId} errors={form.errors} />
				<div className="flex items-start gap-2">
					<input
						{...getInputProps(fields.confirm, { type: 'checkbox' })}
						key={fields.confirm.key}
						className="mt-0.5 h-5 w-5 accent-red-800"
					/>
					<label htmlFor={fields.confirm.id}>Yes, delete this draft for good. It has never been published.</label>
				</div>
				<FieldErrors id={fields.confirm.errorId} errors={fields.confirm.errors} />
				<button
					type="submit"
					className="btn border-2 border-red-800 bg-white px-3 py-1.5 text-sm text-red-800 hover:bg-red-50"
				>
					Delete draft
				</button>
			</Form>
		</details>
	)
}
