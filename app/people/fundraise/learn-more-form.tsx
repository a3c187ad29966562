import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form, Link, useNavigation } from '@remix-run/react'
import { campaignKinds } from '#app/campaigns/kinds.ts'
import {
	FieldErrors,
	FormErrors,
	FormTokenInput,
	Honeypot,
	SubmitButton,
	TextField,
} from '#app/components/form-fields.tsx'
import { learnMoreSchema } from '#app/people/signup-schema.ts'
import { type CampaignKind } from '#db/schema.ts'

type Props = {
	formToken: string
	lastResult?: SubmissionResult<string[]>
	/** The idea chosen already when the visitor came from one (?idea=birthday). */
	preselected?: CampaignKind
}

/** Name, email, an idea and consent: what we need to send the free guide. */
export function LearnMoreForm({ formToken, lastResult, preselected }: Props) {
	const navigation = useNavigation()
	const [form, fields] = useForm({
		id: 'learn-more',
		lastResult,
		constraint: getZodConstraint(learnMoreSchema),
		defaultValue: { idea: preselected },
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: learnMoreSchema }),
	})
	return (
		<Form method="post" {...getFormProps(form)} className="space-y-5 rounded-xl bg-white p-6 shadow-sm md:col-span-3">
			<FormErrors id={form.errorId} errors={form.errors} />
			<div className="grid gap-5 sm:grid-cols-2">
				<TextField field={fields.firstName} label="First name" autoComplete="given-name" />
				<TextField field={fields.lastName} label="Last name" autoComplete="family-name" />
			</div>
			<TextField field={fields.email} label="Email address" type="email" autoComplete="email" />
			<div>
				<label htmlFor={fields.idea.id} className="field-label">
					What would you like to do? <span className="font-normal text-muted">(optional)</span>
				</label>
				<select {...getSelectProps(fields.idea)} key={fields.idea.key} className="field-input">
					<option value="">I'm not sure yet</option>
					{campaignKinds.map((k) => (
						<option key={k.kind} value={k.kind}>
							{k.label}
						</option>
					))}
				</select>
				<FieldErrors id={fields.idea.errorId} errors={fields.idea.errors} />
			</div>
			<div className="flex items-start gap-3">
				<input
					{...getInputProps(fields.emailConsent, { type: 'checkbox' })}
					key={fields.emailConsent.key}
					className="mt-1 h-5 w-5 accent-brand"
				/>
				<label htmlFor={fields.emailConsent.id} className="text-[15px]">
					Yes, I'd like fundraising tips and news by email. You can unsubscribe at any time.
				</label>
			</div>
			<FieldErrors id={fields.emailConsent.errorId} errors={fields.emailConsent.errors} />
			<Honeypot />
			<FormTokenInput token={formToken} />
			<SubmitButton pending={navigation.state === 'submitting'}>Send me the guide</SubmitButton>
			<p className="text-sm text-muted">
				We use your details only to help you fundraise. Already know what you want to do?{' '}
				<Link to="/start" className="text-brand underline">
					Start a fundraiser now
				</Link>
				.
			</p>
		</Form>
	)
}
