import { getFormProps, getInputProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import { deleteDraftSchema } from '#app/campaigns/campaign-schema.ts'
import { FieldErrors, FormErrors } from '#app/components/form-fields.tsx'

/** Deleting asks for a tick first, so one stray click never loses a draft. */
export function DeleteDraftForm({
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
