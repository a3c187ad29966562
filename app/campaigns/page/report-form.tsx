import { getFormProps, getSelectProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form, Link, useNavigation } from '@remix-run/react'
import { campaignPath } from '#app/campaigns/urls.ts'
import {
	FieldErrors,
	FormErrors,
	FormTokenInput,
	Honeypot,
	SubmitButton,
	TextAreaField,
	TextField,
} from '#app/components/form-fields.tsx'
import { reportSchema } from './report-schema.ts'

type Props = {
	reasons: { value: string; label: string }[]
	formToken: string
	lastResult?: SubmissionResult<string[]>
}

/** What a visitor worried about a fundraiser tells the team: a reason, what they saw, and an address if they want a reply. */
export function ReportForm({ reasons, formToken, lastResult }: Props) {
	const navigation = useNavigation()
	const schema = reportSchema(reasons.map((r) => r.value))
	const [form, fields] = useForm({
		id: 'report',
		lastResult,
		constraint: getZodConstraint(schema),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => parseWithZod(formData, { schema }),
	})
	return (
		<Form method="post" {...getFormProps(form)} className="mt-6 space-y-5 rounded-xl bg-white p-6 shadow-sm">
			<FormErrors id={form.errorId} errors={form.errors} />
			<div>
				<label htmlFor={fields.reason.id} className="field-label">
					What is the problem?
				</label>
				<select {...getSelectProps(fields.reason)} key={fields.reason.key} className="field-input">
					<option value="">Choose a reason</option>
					{reasons.map((reason) => (
						<option key={reason.value} value={reason.value}>
							{reason.label}
						</option>
					))}
				</select>
				<FieldErrors id={fields.reason.errorId} errors={fields.reason.errors} />
			</div>
			<TextAreaField
				field={fields.details}
				label="What have you seen?"
				hint="Please be as specific as you can: what on the page is wrong, and how you know."
				rows={6}
			/>
			<TextField
				field={fields.email}
				label="Your email address"
				type="email"
				autoComplete="email"
				hint="Only if you would like us to be able to reply. We never show it to the fundraiser."
				optional
			/>
			<Honeypot />
			<FormTokenInput token={formToken} />
			<SubmitButton pending={navigation.state === 'submitting'}>Send report</SubmitButton>
		</Form>
	)
}

/** The thank-you in the form's place once a report is sent. */
export function ReportSent({ slug }: { slug: string }) {
	return (
		<div role="status" className="mt-6 rounded-xl border border-emerald-300 bg-emerald-50 p-5 text-emerald-950">
			<p className="font-semibold">Thank you — we have your report.</p>
			<p className="mt-1">Our team will look into it. If you gave your email address, we may write to you about it.</p>
			<Link to={campaignPath(slug)} className="mt-3 inline-block font-semibold underline">
				Back to the fundraiser
			</Link>
		</div>
	)
}
