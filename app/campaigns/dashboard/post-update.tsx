import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form, useNavigation } from '@remix-run/react'
import { campaignUpdateSchema } from '#app/campaigns/campaign-schema.ts'
import {
	FieldErrors,
	FormErrors,
	FormTokenInput,
	SubmitButton,
	useResetAfterSuccess,
} from '#app/components/form-fields.tsx'

type Update = { id: string; body: string; createdAt: Date }

/** The update form, with the updates already posted below it. */
export function PostUpdateSection({
	updates,
	locale,
	token,
	lastResult,
}: {
	updates: Update[]
	locale: string
	token: string
	lastResult?: SubmissionResult<string[]>
}) {
	return (
		<section aria-labelledby="update-heading">
			<h2 id="update-heading" className="text-2xl font-bold">
				Post an update
			</h2>
			<p className="mt-1 text-muted">Training, progress, the big day: updates keep people giving.</p>
			<PostUpdateForm token={token} lastResult={lastResult} />
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
