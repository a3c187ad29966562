import {
	getCollectionProps,
	getFormProps,
	getInputProps,
	getTextareaProps,
	useForm,
	type SubmissionResult,
} from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form, useNavigation } from '@remix-run/react'
import { FieldErrors, FormErrors } from '#app/components/form-fields.tsx'
import { resolveSchema } from '#app/staff/reports/schemas.ts'

const outcomeLabel: Record<string, string> = {
	resolved: 'Resolved — we acted on it',
	dismissed: 'Dismissed — nothing wrong',
}

/** Closes one open report with an outcome and a note, and can hide the fundraiser at the same time. */
export function ResolveForm({
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
