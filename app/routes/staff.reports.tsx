import { ActionNotice } from '#app/components/action-notice.tsx'
import { campaignPath } from '#app/campaigns/urls.ts'
import {
	getCollectionProps,
	getFormProps,
	getInputProps,
	getTextareaProps,
	useForm,
	type SubmissionResult,
} from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { FieldErrors, FormErrors } from '#app/components/form-fields.tsx'
import { getCharity } from '#app/config/charity.server.ts'
import { requireStaff } from '#app/people/session.server.ts'
import { listCampaignReports, resolveCampaignReport } from '#app/staff/moderation.server.ts'
import { formValue, readFormData } from '#app/utils/forms.server.ts'
import { formText } from '#app/utils/forms.ts'
import { ownEntry } from '#app/utils/lookup.ts'

const NOTE_MAX = 1000

const resolveSchema = z.strictObject({
	intent: z.literal('resolve'),
	reportId: z.uuid('Choose a report'),
	outcome: z.enum(['resolved', 'dismissed'], { error: 'Choose whether you acted on the report or dismissed it' }),
	note: formText({ error: 'Please write a note about what you found' })
		.trim()
		.min(1, 'Please write a note about what you found')
		.max(NOTE_MAX, `Please keep the note to ${NOTE_MAX.toLocaleString('en-GB')} characters`),
	hideCampaign: z
		.boolean()
		.optional()
		.transform((v) => v ?? false),
})

const doneMessages: Record<string, string> = {
	resolved: 'Report resolved.',
	dismissed: 'Report dismissed.',
	hidden: 'Report resolved and the fundraiser hidden. Its owner sees your note as the reason.',
}

export async function loader({ request }: LoaderFunctionArgs) {
	await requireStaff(request)
	const [open, closed] = await Promise.all([
		listCampaignReports({ status: 'open' }),
		listCampaignReports({ status: 'closed', limit: 100 }),
	])
	return { open, closed, locale: getCharity().locale }
}

type ActionResult = { reportId: string; result: SubmissionResult<string[]> }

export async function action({ request }: ActionFunctionArgs) {
	const staff = await requireStaff(request)
	const formData = await readFormData(request)
	const reportId = formValue(formData, 'reportId')
	const submission = parseWithZod(formData, { schema: resolveSchema })
	if (submission.status !== 'success')
		return data<ActionResult>({ reportId, result: submission.reply() }, { status: 400 })
	const { outcome, note, hideCampaign } = submission.value
	const resolved = await resolveCampaignReport(submission.value.reportId, staff, { outcome, note, hideCampaign })
	if (!resolved.ok) {
		const reply = resolved.field
			? submission.reply({ fieldErrors: { [resolved.field]: [resolved.error] } })
			: submission.reply({ formErrors: [resolved.error] })
		return data<ActionResult>({ reportId, result: reply }, { status: 400 })
	}
	return redirect(`/staff/reports?done=${resolved.hidden ? 'hidden' : outcome}`)
}

export const meta: MetaFunction = () => [{ title: 'Reports — Staff' }, { name: 'robots', content: 'noindex' }]

export default function StaffReports() {
	const { open, closed, locale } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [searchParams] = useSearchParams()
	const done = ownEntry(doneMessages, searchParams.get('done'))
	const when = (value: string | Date) =>
		new Date(value).toLocaleString(locale, {
			day: 'numeric',
			month: 'short',
			year: 'numeric',
			hour: '2-digit',
			minute: '2-digit',
		})
	return (
		<div className="space-y-8">
			<h1 className="text-3xl font-bold">Reports</h1>
			{done ? <ActionNotice>{done}</ActionNotice> : null}
			<section aria-labelledby="open-heading" className="space-y-3">
				<h2 id="open-heading" className="text-2xl font-bold">
					Open ({open.length})
				</h2>
				{open.length === 0 ? (
					<p className="rounded-xl bg-sand p-5">No open reports. Thank you for keeping on top of them.</p>
				) : (
					<ul className="space-y-4">
						{open.map((report) => (
							<li key={report.id} className="rounded-xl border border-stone-200 p-4 shadow-sm sm:p-5">
								<div className="grid gap-5 md:grid-cols-2">
									<div className="min-w-0 space-y-2">
										<h3 className="text-lg font-bold wrap-anywhere">
											<Link to={campaignPath(report.campaignSlug)} className="text-brand underline">
												{report.campaignTitle}
											</Link>
											{report.campaignStatus === 'hidden' ? (
												<span className="ml-2 rounded bg-red-100 px-2 py-0.5 align-middle font-sans text-sm font-semibold text-red-950">
													Hidden
												</span>
											) : null}
										</h3>
										<p className="font-semibold">{report.reasonLabel}</p>
										{report.details ? (
											<p className="whitespace-pre-line rounded-md bg-sand p-3 text-[15px] wrap-anywhere">
												{report.details}
											</p>
										) : null}
										<p className="text-sm text-muted wrap-anywhere">
											Reported {when(report.createdAt)}
											{report.reporterEmail ? (
												<>
													{' '}
													by{' '}
													<a href={`mailto:${report.reporterEmail}`} className="text-brand underline">
														{report.reporterEmail}
													</a>
												</>
											) : (
												' anonymously'
											)}
										</p>
									</div>
									<ResolveForm
										reportId={report.id}
										campaignTitle={report.campaignTitle}
										campaignHidden={report.campaignStatus === 'hidden'}
										lastResult={actionData?.reportId === report.id ? actionData.result : undefined}
									/>
								</div>
							</li>
						))}
					</ul>
				)}
			</section>
			<section aria-labelledby="closed-heading" className="space-y-3">
				<h2 id="closed-heading" className="text-2xl font-bold">
					Closed
				</h2>
				{closed.length === 0 ? (
					<p className="text-muted">No closed reports yet.</p>
				) : (
					<ul className="divide-y divide-stone-200 rounded-xl border border-stone-200">
						{closed.map((report) => (
							<li key={report.id} className="space-y-1 p-4">
								<p className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
									<Link
										to={campaignPath(report.campaignSlug)}
										className="font-semibold text-brand underline wrap-anywhere"
									>
										{report.campaignTitle}
									</Link>
									<span
										className={`rounded px-2 py-0.5 text-sm font-semibold ${report.status === 'resolved' ? 'bg-emerald-100 text-emerald-950' : 'bg-stone-200 text-ink'}`}
									>
										{report.status === 'resolved' ? 'Resolved' : 'Dismissed'}
									</span>
									<span className="text-sm">{report.reasonLabel}</span>
								</p>
								{report.details ? <p className="text-[15px] text-muted wrap-anywhere">“{report.details}”</p> : null}
								{report.resolutionNote ? (
									<p className="text-[15px] wrap-anywhere">Note: {report.resolutionNote}</p>
								) : null}
								<p className="text-sm text-muted wrap-anywhere">
									Reported {when(report.createdAt)}
									{report.resolvedAt ? ` · closed ${when(report.resolvedAt)}` : ''}
									{report.resolvedByEmail ? ` by ${report.resolvedByEmail}` : ''}
								</p>
							</li>
						))}
					</ul>
				)}
			</section>
		</div>
	)
}

function ResolveForm({
	reportId,
	campaignTitle,
	campaignHidden,
	lastResult,
}: {
	reportId: string
	campaignTitle: string
	campaignHidden: boolean
	lastResult?: SubmissionResult<string[]>
}) {
	const navigation = useNavigation()
	const [form, fields] = useForm({
		id: `resolve-${reportId}`,
		lastResult,
		constraint: getZodConstraint(resolveSchema),
		shouldValidate: 'onSubmit',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: resolveSchema }),
	})
	const outcomes = getCollectionProps(fields.outcome, { type: 'radio', options: ['resolved', 'dismissed'] })
	const outcomeLabel: Record<string, string> = {
		resolved: 'Resolved — we acted on it',
		dismissed: 'Dismissed — nothing wrong',
	}
	const pending = navigation.state === 'submitting' && navigation.formData?.get('reportId') === reportId
	return (
		<Form method="post" {...getFormProps(form)} className="min-w-0 space-y-3 rounded-md bg-sand p-4">
			<input type="hidden" name="intent" value="resolve" />
			<input type="hidden" name="reportId" value={reportId} />
			<FormErrors id={form.errorId} errors={form.errors} />
			<fieldset>
				<legend className="field-label">
					Outcome<span className="sr-only"> for the report on {campaignTitle}</span>
				</legend>
				<div className="flex flex-wrap gap-x-5 gap-y-1">
					{outcomes.map((props) => (
						<div key={props.key} className="flex items-center gap-2">
							<input {...props} key={props.key} className="h-5 w-5 accent-brand" />
							<label htmlFor={props.id}>{outcomeLabel[props.value]}</label>
						</div>
					))}
				</div>
				<FieldErrors id={fields.outcome.errorId} errors={fields.outcome.errors} />
			</fieldset>
			<div>
				<label htmlFor={fields.note.id} className="field-label">
					Note
				</label>
				<textarea {...getTextareaProps(fields.note)} key={fields.note.key} rows={3} className="field-input" />
				<FieldErrors id={fields.note.errorId} errors={fields.note.errors} />
			</div>
			{campaignHidden ? null : (
				<div>
					<div className="flex items-start gap-2">
						<input
							{...getInputProps(fields.hideCampaign, { type: 'checkbox' })}
							key={fields.hideCampaign.key}
							className="mt-0.5 h-5 w-5 accent-brand"
						/>
						<label htmlFor={fields.hideCampaign.id}>
							Also hide the fundraiser (the note becomes the reason its owner sees)
						</label>
					</div>
					<FieldErrors id={fields.hideCampaign.errorId} errors={fields.hideCampaign.errors} />
				</div>
			)}
			<button type="submit" className="btn-primary px-4 py-2 text-sm" aria-disabled={pending || undefined}>
				{pending ? 'Saving…' : 'Close report'}
			</button>
		</Form>
	)
}
