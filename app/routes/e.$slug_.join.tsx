import { getFormProps, getSelectProps, useForm, type FieldMetadata } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import {
	FieldErrors,
	FormErrors,
	FormTokenInput,
	SubmitButton,
	TextAreaField,
	TextField,
} from '#app/components/form-fields.tsx'
import { loadJoinPage, submitJoin } from '#app/events/join-action.server.ts'
import { joinSchema } from '#app/events/join-schema.ts'
import { eventPath } from '#app/events/kinds.ts'
import { formatMoney } from '#app/utils/money.ts'

export const loader = ({ request, params }: LoaderFunctionArgs) => loadJoinPage(request, params.slug ?? '')

export const action = ({ request, params }: ActionFunctionArgs) => submitJoin(request, params.slug ?? '')

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: data ? `Join ${data.event.name}` : 'Join an event' },
	{ name: 'robots', content: 'noindex' },
]

const choices = [
	{ value: 'alone', label: 'Fundraise on my own' },
	{ value: 'start', label: 'Start a team (I’ll be its captain)' },
	{ value: 'join', label: 'Join a team' },
] as const

/** Alone, start a team, or join one: radio buttons, with each choice's fields below (all work without JavaScript). */
function TeamChoiceFields({
	fields,
	teams,
}: {
	fields: {
		team: FieldMetadata<string>
		teamName: FieldMetadata<string | undefined>
		teamGoal: FieldMetadata<string | undefined>
		teamId: FieldMetadata<string | undefined>
	}
	teams: { id: string; name: string }[]
}) {
	return (
		<fieldset className="space-y-4 rounded-xl border border-stone-200 p-5">
			<legend className="px-1 font-semibold">How are you taking part?</legend>
			{choices.map((c) => (
				<label key={c.value} className="flex items-center gap-2">
					<input
						type="radio"
						name={fields.team.name}
						value={c.value}
						defaultChecked={fields.team.initialValue === c.value}
						disabled={c.value === 'join' && teams.length === 0}
					/>
					{c.label}
				</label>
			))}
			<FieldErrors id={fields.team.errorId} errors={fields.team.errors} />
			<div className="grid gap-4 sm:grid-cols-2">
				<TextField field={fields.teamName} label="Team name" hint="If you start a team" />
				<TextField field={fields.teamGoal} label="Team goal" hint="If you start a team" />
			</div>
			{teams.length > 0 ? (
				<div>
					<label htmlFor={fields.teamId.id} className="field-label">
						Team to join
					</label>
					<select {...getSelectProps(fields.teamId)} key={fields.teamId.key} className="field-input">
						<option value="">Choose a team</option>
						{teams.map((t) => (
							<option key={t.id} value={t.id}>
								{t.name}
							</option>
						))}
					</select>
					<FieldErrors id={fields.teamId.errorId} errors={fields.teamId.errors} />
				</div>
			) : null}
		</fieldset>
	)
}

export default function JoinEvent() {
	const { event, alreadyIn, problem, needsName, teams, defaults, formToken, locale } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const [form, fields] = useForm({
		id: 'join-event',
		lastResult: actionData?.result,
		defaultValue: defaults,
		constraint: getZodConstraint(joinSchema),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: joinSchema }),
	})
	const money = (minor: number) => formatMoney(minor, event.currency, locale)
	return (
		<div className="bg-sand">
			<div className="mx-auto max-w-2xl px-4 py-10">
				<Link to={eventPath(event.slug)} className="text-brand underline">
					← {event.name}
				</Link>
				<h1 className="mt-3 text-2xl font-bold sm:text-3xl">Join {event.name}</h1>
				{alreadyIn ? (
					<p className="mt-4 rounded-md bg-brand-light p-3">
						You are already taking part.{' '}
						<Link to={`/dashboard/${alreadyIn.campaignId}`} className="font-semibold text-brand underline">
							Go to your page’s dashboard
						</Link>
						{alreadyIn.awaitingFee ? ' to finish registering.' : '.'}
					</p>
				) : problem ? (
					<p className="mt-4 rounded-md bg-brand-light p-3">{problem}</p>
				) : (
					<Form method="post" {...getFormProps(form)} className="mt-6 space-y-6">
						<FormTokenInput token={formToken} />
						<FormErrors errors={form.errors} id={form.errorId} />
						<p className="text-muted">
							We’ve started your page with words from the event. Please make the story your own: pages in the
							fundraiser’s own words raise several times more.
						</p>
						{event.registrationFeeMinor ? (
							<p className="rounded-md border border-amber-300 bg-amber-50 p-3">
								Registration costs {money(event.registrationFeeMinor)}. Your page goes live once it is paid.
							</p>
						) : null}
						{needsName ? (
							<div className="grid gap-4 sm:grid-cols-2">
								<TextField field={fields.firstName} label="Your first name" autoComplete="given-name" />
								<TextField field={fields.lastName} label="Your last name" autoComplete="family-name" optional />
							</div>
						) : null}
						<TextField field={fields.title} label="Page title" />
						<TextAreaField field={fields.story} label="Your story" rows={7} />
						<TextField
							field={fields.goal}
							label="Your fundraising goal"
							hint={
								event.minimumPledgeMinor
									? `Participants are asked to raise at least ${money(event.minimumPledgeMinor)}.`
									: undefined
							}
						/>
						<TeamChoiceFields fields={fields} teams={teams} />
						<SubmitButton pending={navigation.state === 'submitting'}>Create my page</SubmitButton>
					</Form>
				)}
			</div>
		</div>
	)
}
