import { getFormProps, getInputProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import { FieldErrors, SubmitButton } from '#app/components/form-fields.tsx'
import type { getClaim } from '#app/gift-aid/claims.server.ts'
import type { scheduleFilesOf } from '#app/gift-aid/schedule-files.server.ts'
import { paidClaimSchema, submitClaimSchema } from '#app/staff/gift-aid/schemas.ts'
import { minorToMajorString } from '#app/utils/money.ts'

type Claim = NonNullable<Awaited<ReturnType<typeof getClaim>>>
type Files = Awaited<ReturnType<typeof scheduleFilesOf>>
type ActionData = { intent: string | null; result: SubmissionResult<string[]> | null } | undefined

function FileLinks({ claimId, shape, label }: { claimId: string; shape: Files['eachGift']; label: string }) {
	const parts = Array.from({ length: shape.files }, (_, i) => i + 1)
	const query = (part: number) => `?part=${part}${shape.aggregate ? '&aggregate=1' : ''}`
	return (
		<li>
			<p className="font-semibold">
				{label}: {shape.rows.toLocaleString('en-GB')} {shape.rows === 1 ? 'row' : 'rows'}
				{shape.files > 1 ? `, ${shape.files} files` : ''}
			</p>
			<ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
				{parts.map((part) => (
					<li key={part} className="flex gap-3">
						{/* Plain links: a download, not a page to route to. */}
						<a href={`/staff/gift-aid/${claimId}/schedule.ods${query(part)}`} className="text-brand underline">
							{shape.files > 1 ? `File ${part} (.ods)` : 'Spreadsheet (.ods)'}
						</a>
						<a href={`/staff/gift-aid/${claimId}/schedule.csv${query(part)}`} className="text-brand underline">
							{shape.files > 1 ? `File ${part} (.csv)` : 'CSV'}
						</a>
					</li>
				))}
			</ul>
		</li>
	)
}

function SubmitForm({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
	const [form, fields] = useForm({
		id: 'submit-claim',
		lastResult,
		constraint: getZodConstraint(submitClaimSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: submitClaimSchema }),
	})
	return (
		<Form method="post" {...getFormProps(form)} className="mt-3 space-y-3">
			<input type="hidden" name="intent" value="submit" />
			<div>
				<label htmlFor={fields.submissionReference.id} className="field-label">
					HMRC’s submission reference <span className="font-normal text-muted">(optional)</span>
				</label>
				<input
					{...getInputProps(fields.submissionReference, { type: 'text' })}
					key={fields.submissionReference.key}
					className="field-input"
				/>
				<FieldErrors id={fields.submissionReference.errorId} errors={fields.submissionReference.errors} />
			</div>
			<SubmitButton>Mark as submitted</SubmitButton>
		</Form>
	)
}

function PaidForm({ claim, lastResult }: { claim: Claim; lastResult?: SubmissionResult<string[]> }) {
	const [form, fields] = useForm({
		id: 'paid-claim',
		lastResult,
		constraint: getZodConstraint(paidClaimSchema),
		defaultValue: { amount: minorToMajorString(Math.max(0, claim.giftAidMinor), claim.currency) },
		shouldValidate: 'onBlur',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: paidClaimSchema }),
	})
	return (
		<Form method="post" {...getFormProps(form)} className="mt-3 space-y-3">
			<input type="hidden" name="intent" value="paid" />
			<div>
				<label htmlFor={fields.amount.id} className="field-label">
					Amount HMRC paid ({claim.currency})
				</label>
				<input
					{...getInputProps(fields.amount, { type: 'text' })}
					key={fields.amount.key}
					inputMode="decimal"
					className="field-input"
				/>
				<FieldErrors id={fields.amount.errorId} errors={fields.amount.errors} />
			</div>
			<SubmitButton>Mark as paid</SubmitButton>
		</Form>
	)
}

/** Download the schedule, then mark the batch submitted and, once HMRC pays, paid. */
export function ClaimSteps({
	claim,
	files,
	actionData,
}: {
	claim: Claim
	files: Files
	locale: string
	actionData: ActionData
}) {
	const resultFor = (intent: string) => (actionData?.intent === intent ? (actionData.result ?? undefined) : undefined)
	return (
		<section aria-labelledby="steps-heading" className="space-y-6">
			<h2 id="steps-heading" className="text-2xl font-bold">
				Claim it
			</h2>
			<div>
				<h3 className="text-lg font-semibold">1. Download the schedule</h3>
				<p className="mt-1 max-w-3xl text-muted">
					HMRC’s Gift Aid schedule columns, one file per 1,000 rows (HMRC’s limit). Attach the .ods to the claim in
					Charities Online, or paste the rows into HMRC’s own schedule template. With small gifts added together, gifts
					of £20 or less share rows of up to £1,000 without donor details, as HMRC allows.
				</p>
				<ul className="mt-3 space-y-3">
					<FileLinks claimId={claim.id} shape={files.eachGift} label="Each gift on its own row" />
					<FileLinks claimId={claim.id} shape={files.aggregated} label="Small gifts added together" />
				</ul>
			</div>
			<div>
				<h3 className="text-lg font-semibold">2. Send it to HMRC</h3>
				{claim.status === 'draft' ? (
					<>
						<p className="mt-1 max-w-3xl text-muted">
							{claim.adjustments > 0 ? 'Enter the adjustments above as the Gift Aid over-claimed before. ' : ''}
							Once the claim is sent through Charities Online, mark the batch as submitted.
						</p>
						<SubmitForm lastResult={resultFor('submit')} />
					</>
				) : (
					<p className="mt-1">Submitted.</p>
				)}
			</div>
			<div>
				<h3 className="text-lg font-semibold">3. Record HMRC’s payment</h3>
				{claim.status === 'submitted' ? (
					<PaidForm claim={claim} lastResult={resultFor('paid')} />
				) : claim.status === 'paid' ? (
					<p className="mt-1">Paid.</p>
				) : (
					<p className="mt-1 text-muted">Once the batch is submitted.</p>
				)}
			</div>
		</section>
	)
}
