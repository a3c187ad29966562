import { ActionNotice } from '#app/components/action-notice.tsx'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { requireAdmin } from '#app/people/session.server.ts'
import {
	changeStaffRole,
	listStaffPeople,
	PEOPLE_SEARCH_LIMIT,
	roleChangeProblems,
	searchPeopleByEmail,
} from '#app/staff/people.server.ts'
import { PeopleSearch, PeopleTable, type RoleChangeError } from '#app/staff/people-table.tsx'
import { readFormData } from '#app/utils/forms.server.ts'
import { formText } from '#app/utils/forms.ts'
import { ownEntry } from '#app/utils/lookup.ts'
import { personRole } from '#db/schema.ts'

const searchSchema = formText()
	.trim()
	.min(3, 'Type at least 3 characters of their email address')
	.max(254, 'That is longer than any email address')

const roleSchema = z.strictObject({
	intent: z.literal('set-role'),
	personId: z.uuid('Choose a person'),
	role: z.enum(personRole.enumValues, 'Choose what access to give'),
})

export async function loader({ request }: LoaderFunctionArgs) {
	const admin = await requireAdmin(request)
	const q = new URL(request.url).searchParams.get('q')
	const parsed = q === null ? null : searchSchema.safeParse(q)
	const [staff, results] = await Promise.all([
		listStaffPeople(),
		parsed?.success ? searchPeopleByEmail(parsed.data) : null,
	])
	return {
		selfId: admin.id,
		staff,
		search: {
			q: q ?? '',
			error: parsed && !parsed.success ? (parsed.error.issues[0]?.message ?? 'Please check the search') : null,
			results,
			limit: PEOPLE_SEARCH_LIMIT,
		},
	}
}

export async function action({ request }: ActionFunctionArgs) {
	const admin = await requireAdmin(request)
	const formData = await readFormData(request)
	const submission = parseWithZod(formData, { schema: roleSchema })
	if (submission.status !== 'success') {
		const personId = formData.get('personId')
		return data(
			{ personId: typeof personId === 'string' ? personId : null, message: 'Choose what access to give.' },
			{ status: 400 },
		)
	}
	const { personId, role } = submission.value
	const change = await changeStaffRole(admin, personId, role)
	if (!change.ok) return data({ personId, message: roleChangeProblems[change.problem] }, { status: 409 })
	// Back to the same search, with what happened.
	const back = new URLSearchParams(new URL(request.url).search)
	for (const internal of ['index', '_data', 'done']) back.delete(internal)
	back.set('done', change.changed ? role : 'unchanged')
	return redirect(`/staff/people?${back}`)
}

export const meta: MetaFunction = () => [{ title: 'People — Staff' }, { name: 'robots', content: 'noindex' }]

const doneMessages: Record<string, { text: string; tone: 'good' | 'warn' }> = {
	staff: { text: 'Done: they have staff access (and no admin role).', tone: 'good' },
	admin: { text: 'Done: they are an admin and can manage staff access.', tone: 'good' },
	supporter: { text: 'Done: their staff access is removed.', tone: 'good' },
	unchanged: { text: 'Nothing changed: they already had that access.', tone: 'warn' },
}

export default function StaffPeople() {
	const { selfId, staff, search } = useLoaderData<typeof loader>()
	const problem: RoleChangeError | undefined = useActionData<typeof action>()
	const [searchParams] = useSearchParams()
	const done = problem ? undefined : ownEntry(doneMessages, searchParams.get('done'))
	return (
		<div className="space-y-10">
			<header>
				<h1 className="text-3xl font-bold">People</h1>
				<p className="mt-2 max-w-3xl text-muted">
					Who can open the staff area. Staff moderate, confirm gifts and see reports; admins can also give and take away
					staff access here. Every change is kept in the audit log. Nobody can remove their own admin role, and there is
					always at least one admin.
				</p>
			</header>
			{done ? <ActionNotice tone={done.tone}>{done.text}</ActionNotice> : null}

			<section aria-labelledby="staff-heading">
				<h2 id="staff-heading" className="text-2xl font-bold">
					Staff and admins ({staff.length})
				</h2>
				<PeopleTable label="Staff and admins" people={staff} selfId={selfId} problem={problem} className="mt-4" />
			</section>

			<section aria-labelledby="find-heading">
				<h2 id="find-heading" className="text-2xl font-bold">
					Give someone access
				</h2>
				<p className="mt-2 max-w-3xl text-muted">
					Find them by email address. They need to have signed in once (or signed up or made a page); they then sign in
					with an emailed code as usual.
				</p>
				<PeopleSearch q={search.q} error={search.error} />
				{search.results ? (
					search.results.length === 0 ? (
						<p className="mt-4 text-muted">Nobody’s email address contains “{search.q.trim()}”.</p>
					) : (
						<>
							<PeopleTable
								label="People found"
								people={search.results}
								selfId={selfId}
								problem={problem}
								className="mt-4"
							/>
							{search.results.length === search.limit ? (
								<p className="mt-2 text-sm text-muted">
									The first {search.limit} are shown: type more of the address to find someone else.
								</p>
							) : null}
						</>
					)
				) : null}
			</section>
		</div>
	)
}
