import { ActionNotice } from '#app/components/action-notice.tsx'
import { campaignPath } from '#app/campaigns/urls.ts'
import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { FieldErrors, FormErrors } from '#app/components/form-fields.tsx'
import { getCharity } from '#app/config/charity.server.ts'
import { requireStaff } from '#app/people/session.server.ts'
import {
	confirmOfflineGift,
	listPendingOfflineGifts,
	listRecentOfflineDecisions,
	rejectOfflineGift,
} from '#app/staff/offline-gifts.server.ts'
import { formValue, readFormData } from '#app/utils/forms.server.ts'
import { formText } from '#app/utils/forms.ts'
import { formatMoney } from '#app/utils/money.ts'
import { ScrollTable } from '#app/staff/staff-ui.tsx'
import { ownEntry } from '#app/utils/lookup.ts'
import { staffTime } from '#app/utils/time.ts'

const REASON_MAX = 500

const confirmSchema = z.strictObject({
	intent: z.literal('confirm'),
	donationId: z.uuid('Choose a gift to confirm'),
})

const rejectSchema = z.strictObject({
	intent: z.literal('reject'),
	donationId: z.uuid('Choose a gift to reject'),
	reason: formText({ error: 'Please say why this gift cannot be confirmed' })
		.trim()
		.min(3, 'Please say why this gift cannot be confirmed')
		.max(REASON_MAX, `The reason must be at most ${REASON_MAX} characters`),
})

const schemas = { confirm: confirmSchema, reject: rejectSchema } as const

export async function loader({ request }: LoaderFunctionArgs) {
	await requireStaff(request)
	const [pending, decisions] = await Promise.all([listPendingOfflineGifts(), listRecentOfflineDecisions(20)])
	return { pending, decisions, locale: getCharity().locale }
}

export async function action({ request }: ActionFunctionArgs) {
	const staff = await requireStaff(request)
	const formData = await readFormData(request)
	const intent = formValue(formData, 'intent') as keyof typeof schemas
	const schema = ownEntry(schemas, intent)
	if (!schema) return data({ intent: null, result: null }, { status: 400 })
	const submission = parseWithZod(formData, { schema })
	if (submission.status !== 'success') return data({ intent, result: submission.reply() }, { status: 400 })
	const value = submission.value
	const outcome =
		value.intent === 'confirm'
			? await confirmOfflineGift(value.donationId, staff)
			: await rejectOfflineGift(value.donationId, staff, value.reason)
	// Someone else may have decided the gift first: say so rather than fail.
	return redirect(
		`/staff/gifts?done=${outcome.ok ? (value.intent === 'confirm' ? 'confirmed' : 'rejected') : outcome.problem}`,
	)
}

export const meta: MetaFunction = () => [{ title: 'Offline gifts — Staff' }, { name: 'robots', content: 'noindex' }]

const doneMessages: Record<string, { text: string; tone: 'good' | 'warn' }> = {
	confirmed: { text: 'Gift confirmed. It now counts in the fundraiser’s total.', tone: 'good' },
	rejected: { text: 'Gift rejected. It does not count in any total.', tone: 'good' },
	'already-confirmed': { text: 'That gift had already been confirmed, so nothing changed.', tone: 'warn' },
	'already-rejected': { text: 'That gift had already been rejected, so nothing changed.', tone: 'warn' },
	'not-pending': { text: 'That gift is no longer waiting for confirmation, so nothing changed.', tone: 'warn' },
	'not-found': { text: 'We could not find that offline gift.', tone: 'warn' },
}

type ActionResult = { intent: string | null; result: SubmissionResult<string[]> | null }

/** Times are shown in UTC, so the server's page and the browser's agree and the log is unambiguous. */

export default function StaffGifts() {
	const { pending, decisions, locale } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>() as ActionResult | undefined
	const [searchParams] = useSearchParams()
	const done = ownEntry(doneMessages, searchParams.get('done'))
	const rejectResult = actionData?.intent === 'reject' ? (actionData.result ?? undefined) : undefined
	return (
		<div className="space-y-10">
			<header>
				<h1 className="text-3xl font-bold">Offline gifts</h1>
				<p className="mt-2 max-w-3xl text-muted">
					Cash and cheques fundraisers say they collected. Check the money has reached the charity (the bank statement,
					the cheque), then confirm the gift so it counts in their total — or reject it, with a reason, if it cannot be
					confirmed.
				</p>
			</header>
			{done ? <ActionNotice tone={done.tone}>{done.text}</ActionNotice> : null}

			<section aria-labelledby="pending-heading">
				<h2 id="pending-heading" className="text-2xl font-bold">
					Waiting for confirmation ({pending.length})
				</h2>
				{pending.length === 0 ? (
					<p className="mt-2 text-muted">No offline gifts are waiting. Well done.</p>
				) : (
					<ul className="mt-4 space-y-4">
						{pending.map((gift) => (
							<li key={gift.id} className="rounded-xl border border-stone-200 p-4 sm:p-5">
								<div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
									<p className="min-w-0 text-lg font-semibold wrap-anywhere">{gift.donorName}</p>
									<p className="shrink-0 text-lg font-bold text-brand-dark">
										{formatMoney(gift.amountMinor, gift.currency, locale)}
									</p>
								</div>
								<dl className="mt-2 grid gap-x-4 gap-y-1 text-[15px] sm:grid-cols-[max-content_1fr]">
									<dt className="text-muted">Fundraiser</dt>
									<dd className="min-w-0 wrap-anywhere">
										<Link to={campaignPath(gift.campaignSlug)} className="text-brand underline">
											{gift.campaignTitle}
										</Link>{' '}
										by {gift.fundraiserName || 'a fundraiser'} ({gift.fundraiserEmail})
									</dd>
									<dt className="text-muted">Recorded</dt>
									<dd>
										<time dateTime={new Date(gift.recordedAt).toISOString()}>{staffTime(gift.recordedAt, locale)}</time>
									</dd>
									<dt className="text-muted">Note</dt>
									<dd className="min-w-0 whitespace-pre-line wrap-anywhere">
										{gift.note || <span className="text-muted">No note</span>}
									</dd>
								</dl>
								<div className="mt-4 flex flex-col gap-4 sm:flex-row sm:items-start">
									<Form method="post">
										<input type="hidden" name="intent" value="confirm" />
										<input type="hidden" name="donationId" value={gift.id} />
										<button type="submit" className="btn-primary w-full px-4 py-2 text-sm sm:w-auto">
											Confirm {formatMoney(gift.amountMinor, gift.currency, locale)}
											<span className="sr-only"> from {gift.donorName}</span>
										</button>
									</Form>
									<RejectForm donationId={gift.id} donorName={gift.donorName} lastResult={rejectResult} />
								</div>
							</li>
						))}
					</ul>
				)}
			</section>

			<section aria-labelledby="decisions-heading">
				<h2 id="decisions-heading" className="text-2xl font-bold">
					Recent decisions
				</h2>
				{decisions.length === 0 ? (
					<p className="mt-2 text-muted">No offline gifts have been confirmed or rejected yet.</p>
				) : (
					<ScrollTable label="Recent decisions table" className="mt-4">
						<table className="w-full min-w-[46rem] text-left text-[15px]">
							<thead className="bg-sand">
								<tr>
									<th scope="col" className="p-3">
										Decision
									</th>
									<th scope="col" className="p-3">
										Gift
									</th>
									<th scope="col" className="p-3">
										Fundraiser
									</th>
									<th scope="col" className="p-3">
										By
									</th>
									<th scope="col" className="p-3">
										When
									</th>
								</tr>
							</thead>
							<tbody className="divide-y divide-stone-200">
								{decisions.map((decision) => (
									<tr key={decision.auditId} className="align-top">
										<td className="p-3">
											<span
												className={`rounded px-2 py-0.5 text-sm font-semibold ${decision.decision === 'confirmed' ? 'bg-emerald-100 text-emerald-950' : 'bg-red-100 text-red-950'}`}
											>
												{decision.decision === 'confirmed' ? 'Confirmed' : 'Rejected'}
											</span>
											{decision.reason ? <p className="mt-1 text-sm wrap-anywhere">{decision.reason}</p> : null}
										</td>
										<td className="p-3">
											<span className="font-semibold">
												{formatMoney(decision.amountMinor, decision.currency, locale)}
											</span>
											<br />
											<span className="wrap-anywhere">{decision.donorName}</span>
										</td>
										<td className="p-3">
											<Link to={campaignPath(decision.campaignSlug)} className="text-brand underline wrap-anywhere">
												{decision.campaignTitle}
											</Link>
										</td>
										<td className="p-3 wrap-anywhere">{decision.actorEmail ?? 'Unknown'}</td>
										<td className="p-3 whitespace-nowrap">
											<time dateTime={new Date(decision.decidedAt).toISOString()}>
												{staffTime(decision.decidedAt, locale)}
											</time>
										</td>
									</tr>
								))}
							</tbody>
						</table>
					</ScrollTable>
				)}
			</section>
		</div>
	)
}

function RejectForm({
	donationId,
	donorName,
	lastResult,
}: {
	donationId: string
	donorName: string
	lastResult?: SubmissionResult<string[]>
}) {
	// Every gift has its own form: only the one that was posted shows the errors.
	const mine = lastResult?.initialValue?.donationId === donationId ? lastResult : undefined
	const navigation = useNavigation()
	const [form, fields] = useForm({
		id: `reject-${donationId}`,
		lastResult: mine,
		constraint: getZodConstraint(rejectSchema),
		shouldValidate: 'onSubmit',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: rejectSchema }),
	})
	const sending =
		navigation.state === 'submitting' &&
		navigation.formData?.get('donationId') === donationId &&
		navigation.formData?.get('intent') === 'reject'
	return (
		<details className="min-w-0 flex-1" open={Boolean(mine)}>
			<summary className="cursor-pointer py-2 font-semibold text-red-800">
				Reject<span className="sr-only"> the gift from {donorName}</span>…
			</summary>
			<Form method="post" {...getFormProps(form)} className="mt-2 space-y-2">
				<input type="hidden" name="intent" value="reject" />
				<input type="hidden" name="donationId" value={donationId} />
				<FormErrors id={form.errorId} errors={form.errors} />
				<label htmlFor={fields.reason.id} className="field-label">
					Why can it not be confirmed?
				</label>
				<textarea {...getTextareaProps(fields.reason)} key={fields.reason.key} rows={2} className="field-input" />
				<FieldErrors id={fields.reason.errorId} errors={fields.reason.errors} />
				<p className="text-sm text-muted">
					The fundraiser’s total does not change. The reason is kept in the audit log.
				</p>
				<button
					type="submit"
					className="btn border-2 border-red-800 bg-white px-4 py-2 text-sm text-red-800 hover:bg-red-50"
					aria-disabled={sending || undefined}
				>
					{sending ? 'Sending…' : 'Reject gift'}
				</button>
			</Form>
		</details>
	)
}
