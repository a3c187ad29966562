import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form, useNavigation } from '@remix-run/react'
import { FieldErrors, FormErrors } from '#app/components/form-fields.tsx'
import { rejectSchema } from '#app/staff/gifts/schemas.ts'

/** Rejects one offline gift, with the reason the audit log keeps; folded away until opened. */
export function RejectForm({
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
