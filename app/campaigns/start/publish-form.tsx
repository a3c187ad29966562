import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form, Link, useNavigation } from '@remix-run/react'
import { organiserNameMissing, publishSchema } from '#app/campaigns/campaign-schema.ts'
import { FormErrors, TextField } from '#app/components/form-fields.tsx'

type Props = {
	campaignId: string
	/** Pages name their organiser: someone whose account has no name yet gives it here. */
	needsName: boolean
	lastResult?: SubmissionResult<string[]>
}

/** Publishing a draft, asking for the organiser's name first when the account has none. */
export function PublishForm({ campaignId, needsName, lastResult }: Props) {
	const navigation = useNavigation()
	const [form, fields] = useForm({
		id: 'publish',
		lastResult,
		shouldValidate: 'onSubmit',
		// The server has the last word; in the browser the missing name is caught before sending.
		onValidate: ({ formData }) =>
			parseWithZod(formData, {
				schema: needsName
					? publishSchema.refine((value) => value.firstName !== '', {
							path: ['firstName'],
							message: organiserNameMissing,
						})
					: publishSchema,
			}),
	})
	return (
		<Form method="post" {...getFormProps(form)} className="mt-6 space-y-4">
			<FormErrors id={form.errorId} errors={form.errors} />
			{needsName ? (
				<fieldset className="space-y-4 rounded-xl bg-white p-6 shadow-sm">
					<legend className="sr-only">Who is organising this page</legend>
					<p>
						Your page says who is organising it, so people know it is really you. We save your name to your account; you
						can change it there.
					</p>
					<div className="grid gap-4 sm:grid-cols-2">
						<TextField field={fields.firstName} label="Your first name" autoComplete="given-name" />
						<TextField field={fields.lastName} label="Your last name" autoComplete="family-name" optional />
					</div>
				</fieldset>
			) : null}
			<div className="flex flex-col gap-3 sm:flex-row">
				<button
					type="submit"
					name="intent"
					value="publish"
					className="btn-primary w-full sm:w-auto"
					disabled={navigation.state !== 'idle'}
				>
					{navigation.state === 'submitting' ? 'Publishing…' : 'Publish my page'}
				</button>
				<Link to={`/start/${campaignId}/details`} className="btn-secondary">
					Edit details
				</Link>
			</div>
		</Form>
	)
}
