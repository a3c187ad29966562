import { type SubmissionResult } from '@conform-to/react'
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { ActionNotice } from '#app/components/action-notice.tsx'
import { ProgressBar } from '#app/components/campaign-card.tsx'
import { TeamGoalForm, TeamMessageForm } from '#app/components/team-dashboard/team-forms.tsx'
import { TeamInvite } from '#app/components/team-dashboard/team-invite.tsx'
import { TeamMembers } from '#app/components/team-dashboard/team-members.tsx'
import { teamPath } from '#app/events/kinds.ts'
import { handleTeamDashboardAction, loadTeamDashboard } from '#app/events/team-dashboard.server.ts'
import { formatMoney } from '#app/utils/money.ts'
import { ownEntry } from '#app/utils/lookup.ts'

export const loader = ({ request, params }: LoaderFunctionArgs) => loadTeamDashboard(request, params.teamId ?? '')

export const action = ({ request, params }: ActionFunctionArgs) =>
	handleTeamDashboardAction(request, params.teamId ?? '')

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: data ? `Team dashboard: ${data.team.name}` : 'Team dashboard' },
	{ name: 'robots', content: 'noindex' },
]

const doneMessages: Record<string, string> = {
	goal: 'Your team’s goal is saved.',
	message: 'Your email is on its way to the team.',
}

type ActionResult = { intent: string | null; result: SubmissionResult<string[]> }

/** A team captain's dashboard: invite link, members and their totals, the team goal, one email to the team. */
export default function TeamDashboard() {
	const { team, event, currency, inviteUrl, members, total, goal, messagesLeft, formToken, locale } =
		useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>() as ActionResult | undefined
	const navigation = useNavigation()
	const [searchParams] = useSearchParams()
	const done = ownEntry(doneMessages, searchParams.get('done'))
	const money = (minor: number) => formatMoney(minor, currency, locale)
	const sending = (intent: string) => navigation.state === 'submitting' && navigation.formData?.get('intent') === intent
	const resultFor = (intent: string) => (actionData?.intent === intent ? actionData.result : undefined)
	const raised = money(total.raisedMinor)
	const goalText = money(team.goalMinor)
	return (
		<div className="mx-auto max-w-5xl px-4 py-10">
			<Link to="/dashboard" className="text-brand underline">
				← My fundraisers
			</Link>
			<h1 className="mt-3 text-3xl font-bold">Team dashboard: {team.name}</h1>
			<p className="mt-1">
				<Link to={teamPath(event.slug, team.slug)} className="underline">
					Team page
				</Link>{' '}
				· {event.name}
			</p>
			{done ? <ActionNotice className="mt-4">{done}</ActionNotice> : null}
			<div className="mt-6 grid gap-8 lg:grid-cols-3">
				<div className="min-w-0 space-y-8 lg:col-span-2">
					<section aria-label="Team progress" className="rounded-xl border border-stone-200 p-6 shadow-sm">
						<p className="font-serif text-3xl font-bold" data-testid="team-total">
							{raised}
						</p>
						<p className="text-muted">
							raised of {goalText} · {total.donorCount} {total.donorCount === 1 ? 'donor' : 'donors'}
						</p>
						<div className="mt-3">
							<ProgressBar
								raisedMinor={total.raisedMinor}
								goalMinor={team.goalMinor}
								label={`${raised} raised of ${goalText}`}
							/>
						</div>
						<div className="mt-4">
							<TeamGoalForm goal={goal} lastResult={resultFor('team-goal')} pending={sending('team-goal')} />
						</div>
					</section>
					<TeamMembers members={members} money={money} />
				</div>
				<div className="min-w-0 space-y-8">
					<TeamInvite inviteUrl={inviteUrl} teamName={team.name} />
					<TeamMessageForm
						formToken={formToken}
						messagesLeft={messagesLeft}
						lastResult={resultFor('team-message')}
						pending={sending('team-message')}
					/>
				</div>
			</div>
		</div>
	)
}
