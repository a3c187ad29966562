import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import { FieldErrors, FormErrors } from '#app/components/form-fields.tsx'
import { hideSchema } from '#app/staff/campaigns/schemas.ts'

/** Hides a fundraiser from the public, with the reason its owner will read; folded away until opened. */
export function HideForm({
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
