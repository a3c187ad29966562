import { type SubmissionResult } from '@conform-to/react'
import { Form, Link } from '@remix-run/react'
import { ActionNotice } from '#app/components/action-notice.tsx'
import { FieldErrors, SubmitButton } from '#app/components/form-fields.tsx'
import { eventPath } from '#app/events/kinds.ts'

export type ParticipantPanelData = {
	eventSlug: string
	eventName: string
	teamId: string | null
	teams: { id: string; name: string }[]
	isCaptain: boolean
	awaitingFee: { feeMinor: number; currency: string } | null
}

/**
 * A participant's event on their dashboard: the registration fee still to
 * pay, if any, and a small form to change or leave their team.
 */
export function ParticipantPanel({
	panel,
	lastResult,
	money,
	pending,
}: {
	panel: ParticipantPanelData
	lastResult?: SubmissionResult<string[]>
	money: (minor: number) => string
	pending: boolean
}) {
	const error = lastResult?.error?.teamId
	return (
		<section aria-labelledby="event-heading" className="rounded-xl border border-stone-200 p-6 shadow-sm">
			<h2 id="event-heading" className="text-xl font-bold">
				Your event:{' '}
				<Link to={eventPath(panel.eventSlug)} className="underline">
					{panel.eventName}
				</Link>
			</h2>
			{panel.awaitingFee ? (
				<ActionNotice tone="warn" className="mt-3">
					Awaiting registration fee: your page stays a draft, seen only by you, until the{' '}
					{money(panel.awaitingFee.feeMinor)} registration fee is paid.{' '}
					<Link to={`${eventPath(panel.eventSlug)}/fee`} className="font-semibold underline">
						Pay the registration fee
					</Link>
				</ActionNotice>
			) : null}
			{panel.isCaptain ? (
				<p className="mt-3">
					You captain your team, so you stay with it.{' '}
					<Link to={`/dashboard/team/${panel.teamId}`} className="font-semibold underline">
						Your team dashboard
					</Link>
				</p>
			) : (
				<Form method="post" className="mt-3 flex flex-wrap items-end gap-3">
					<input type="hidden" name="intent" value="change-team" />
					<div className="min-w-0 flex-1">
						<label htmlFor="change-team" className="field-label">
							Your team
						</label>
						<select
							id="change-team"
							name="teamId"
							defaultValue={panel.teamId ?? ''}
							className="field-input"
							aria-invalid={error ? true : undefined}
							aria-describedby="change-team-error"
						>
							<option value="">No team (fundraise on my own)</option>
							{panel.teams.map((t) => (
								<option key={t.id} value={t.id}>
									{t.name}
								</option>
							))}
						</select>
						<FieldErrors id="change-team-error" errors={error ?? undefined} />
					</div>
					<SubmitButton pending={pending}>Save team</SubmitButton>
				</Form>
			)}
			<p className="mt-2 text-sm text-muted">
				Gifts you already received stay with the team you were in when they were made.
			</p>
		</section>
	)
}
