import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import { FormErrors, FormTokenInput, SubmitButton, TextAreaField, TextField } from '#app/components/form-fields.tsx'
import { teamGoalSchema, teamMessageSchema } from '#app/events/team-dashboard-schema.ts'

/** The captain sets the team's goal (in whole pounds or with pence). */
export function TeamGoalForm({
	goal,
	lastResult,
	pending,
}: {
	goal: string
	lastResult?: SubmissionResult<string[]>
	pending: boolean
}) {
	const [form, fields] = useForm({
		id: 'team-goal',
		lastResult,
		defaultValue: { goal },
		constraint: getZodConstraint(teamGoalSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: teamGoalSchema }),
		shouldRevalidate: 'onInput',
	})
	return (
		<Form method="post" {...getFormProps(form)} className="flex flex-wrap items-end gap-3">
			<input type="hidden" name="intent" value="team-goal" />
			<div className="min-w-0 flex-1">
				<TextField field={fields.goal} label="Team goal (£)" />
			</div>
			<SubmitButton pending={pending}>Save goal</SubmitButton>
		</Form>
	)
}

/** One email to the whole team, a few a day; members who turned off updates email are not sent it. */
export function TeamMessageForm({
	formToken,
	messagesLeft,
	lastResult,
	pending,
}: {
	formToken: string
	messagesLeft: number
	lastResult?: SubmissionResult<string[]>
	pending: boolean
}) {
	const [form, fields] = useForm({
		id: 'team-message',
		lastResult,
		constraint: getZodConstraint(teamMessageSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: teamMessageSchema }),
		shouldRevalidate: 'onBlur',
	})
	return (
		<section aria-labelledby="message-heading" className="rounded-xl border border-stone-200 p-6 shadow-sm">
			<h2 id="message-heading" className="text-xl font-bold">
				Email your team
			</h2>
			<p className="mt-1 text-sm text-muted">
				{messagesLeft === 0
					? 'You have sent today’s emails; you can send another tomorrow.'
					: `You can send ${messagesLeft} more today. We send it for you: members do not see each other’s addresses.`}
			</p>
			<Form method="post" {...getFormProps(form)} className="mt-3 space-y-4">
				<input type="hidden" name="intent" value="team-message" />
				<FormTokenInput token={formToken} />
				<FormErrors id={form.errorId} errors={form.errors} />
				<TextField field={fields.subject} label="Subject" />
				<TextAreaField field={fields.body} label="Message" rows={6} />
				<SubmitButton pending={pending}>Send to the team</SubmitButton>
			</Form>
		</section>
	)
}
