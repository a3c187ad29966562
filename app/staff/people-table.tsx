import { Form } from '@remix-run/react'
import { personRoleLabels } from '#app/utils/status-labels.ts'
import { type PersonRole } from '#db/schema.ts'
import { ScrollTable } from './staff-ui.tsx'

export type PeopleRow = { id: string; email: string; firstName: string; lastName: string; role: PersonRole }

/** What the last post was refused for, and whose row it was. */
export type RoleChangeError = { personId: string | null; message: string }

/** The changes each role can be given, as the buttons say them. */
const actionsFor: Record<PersonRole, { role: PersonRole; label: string }[]> = {
	supporter: [
		{ role: 'staff', label: 'Give staff access' },
		{ role: 'admin', label: 'Make admin' },
	],
	staff: [
		{ role: 'admin', label: 'Make admin' },
		{ role: 'supporter', label: 'Remove staff access' },
	],
	admin: [
		{ role: 'staff', label: 'Remove admin role (keep staff access)' },
		{ role: 'supporter', label: 'Remove staff access' },
	],
}

/** People with their role and the changes an admin can make, each row its own form. */
export function PeopleTable({
	label,
	people,
	selfId,
	problem,
	className = '',
}: {
	label: string
	people: PeopleRow[]
	selfId: string
	problem?: RoleChangeError
	className?: string
}) {
	return (
		<ScrollTable label={label} className={className}>
			<table className="w-full min-w-[44rem] text-left text-[15px]">
				<thead className="bg-sand">
					<tr>
						<th scope="col" className="p-3">
							Person
						</th>
						<th scope="col" className="p-3">
							Access
						</th>
						<th scope="col" className="p-3">
							Change
						</th>
					</tr>
				</thead>
				<tbody className="divide-y divide-stone-200">
					{people.map((person) => (
						<tr key={person.id} className="align-top">
							<td className="p-3">
								<span className="font-semibold wrap-anywhere">
									{`${person.firstName} ${person.lastName}`.trim() || 'No name given'}
								</span>
								<br />
								<span className="break-all">{person.email}</span>
							</td>
							<td className="p-3">{personRoleLabels[person.role]}</td>
							<td className="p-3">
								<RoleActions
									person={person}
									isSelf={person.id === selfId}
									error={problem?.personId === person.id ? problem.message : null}
								/>
							</td>
						</tr>
					))}
				</tbody>
			</table>
		</ScrollTable>
	)
}

function RoleActions({ person, isSelf, error }: { person: PeopleRow; isSelf: boolean; error: string | null }) {
	const errorId = `role-error-${person.id}`
	if (isSelf && person.role === 'admin') {
		return <p className="text-sm text-muted">You. Another admin can change your access.</p>
	}
	return (
		<Form method="post" className="flex flex-wrap gap-2">
			<input type="hidden" name="intent" value="set-role" />
			<input type="hidden" name="personId" value={person.id} />
			{actionsFor[person.role].map((change) => (
				<button
					key={change.role}
					type="submit"
					name="role"
					value={change.role}
					aria-describedby={error ? errorId : undefined}
					className={
						change.role === 'supporter'
							? 'btn border-2 border-red-800 bg-white px-3 py-1.5 text-sm text-red-800 hover:bg-red-50'
							: 'btn-secondary px-3 py-1.5 text-sm'
					}
				>
					{change.label}
					<span className="sr-only"> for {person.email}</span>
				</button>
			))}
			<div id={errorId} aria-live="polite" className="basis-full">
				{error ? <p className="field-error">{error}</p> : null}
			</div>
		</Form>
	)
}

/** Finding a person by email address: a plain GET form, so the search is in the address bar. */
export function PeopleSearch({ q, error }: { q: string; error: string | null }) {
	return (
		<Form method="get" className="mt-4 flex max-w-xl flex-col gap-2 sm:flex-row sm:items-start">
			<div className="flex-1">
				<label htmlFor="people-q" className="field-label">
					Email address
				</label>
				<input
					id="people-q"
					name="q"
					type="search"
					defaultValue={q}
					autoComplete="off"
					aria-invalid={error ? true : undefined}
					aria-describedby={error ? 'people-q-error' : undefined}
					className="field-input"
				/>
				<div id="people-q-error" aria-live="polite">
					{error ? <p className="field-error">{error}</p> : null}
				</div>
			</div>
			<button type="submit" className="btn-primary px-4 py-2 sm:mt-7">
				Search
			</button>
		</Form>
	)
}
