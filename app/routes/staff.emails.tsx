import { Pagination } from '#app/components/pagination.tsx'
import { ActionNotice } from '#app/components/action-notice.tsx'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { getCharity } from '#app/config/charity.server.ts'
import { requireStaff } from '#app/people/session.server.ts'
import { emailStatuses, listEmailsForStaff, retryFailedEmail, type EmailStatus } from '#app/staff/emails.server.ts'
import { readFormData } from '#app/utils/forms.server.ts'
import { ScrollTable } from '#app/staff/staff-ui.tsx'
import { ownEntry } from '#app/utils/lookup.ts'
import { staffTime } from '#app/utils/time.ts'

const PAGE_SIZE = 50

const retrySchema = z.strictObject({
	intent: z.literal('retry'),
	emailId: z.uuid('Choose an email to send again'),
})

/** The filters of the address bar; a value that makes no sense is dropped rather than refused, so a stale link still opens. */
function filtersOf(url: URL) {
	const params = url.searchParams
	const status = params.get('status') ?? ''
	const template = (params.get('template') ?? '').trim().slice(0, 100)
	const to = (params.get('to') ?? '').trim().slice(0, 254)
	const page = Number.parseInt(params.get('page') ?? '1', 10)
	return {
		status: (emailStatuses as readonly string[]).includes(status) ? (status as EmailStatus) : undefined,
		template: template || undefined,
		to: to || undefined,
		page: Number.isSafeInteger(page) && page >= 1 && page <= 10_000 ? page : 1,
	}
}

export async function loader({ request }: LoaderFunctionArgs) {
	await requireStaff(request)
	const filters = filtersOf(new URL(request.url))
	const list = await listEmailsForStaff({ ...filters, limit: PAGE_SIZE, offset: (filters.page - 1) * PAGE_SIZE })
	return { ...list, filters, pageSize: PAGE_SIZE, locale: getCharity().locale }
}

export async function action({ request }: ActionFunctionArgs) {
	const staff = await requireStaff(request)
	const formData = await readFormData(request)
	const submission = parseWithZod(formData, { schema: retrySchema })
	if (submission.status !== 'success') return data({ error: 'Choose an email to send again.' }, { status: 400 })
	const result = await retryFailedEmail(submission.value.emailId, staff)
	// Back to the same filtered list, with what happened.
	const back = new URLSearchParams(new URL(request.url).search)
	for (const internal of ['index', '_data', 'done']) back.delete(internal)
	back.set('done', result.ok ? 'retried' : result.problem)
	return redirect(`/staff/emails?${back}`)
}

export const meta: MetaFunction = () => [{ title: 'Emails — Staff' }, { name: 'robots', content: 'noindex' }]

const doneMessages: Record<string, { text: string; tone: 'good' | 'warn' }> = {
	retried: { text: 'The email is queued and will be sent again in a moment.', tone: 'good' },
	'not-failed': {
		text: 'That email is not marked failed any more (perhaps someone retried it), so nothing changed.',
		tone: 'warn',
	},
	'not-found': { text: 'We could not find that email.', tone: 'warn' },
}

const statusLabels: Record<EmailStatus, string> = {
	scheduled: 'Scheduled',
	cancelled: 'Cancelled',
	queued: 'Queued',
	sending: 'Sending',
	sent: 'Sent',
	delivered: 'Delivered',
	bounced: 'Bounced',
	failed: 'Failed',
	suppressed: 'Suppressed',
}

const statusTones: Record<EmailStatus, string> = {
	scheduled: 'bg-stone-100 text-stone-900',
	cancelled: 'bg-stone-100 text-stone-900',
	queued: 'bg-sky-100 text-sky-950',
	sending: 'bg-sky-100 text-sky-950',
	sent: 'bg-emerald-100 text-emerald-950',
	delivered: 'bg-emerald-100 text-emerald-950',
	bounced: 'bg-red-100 text-red-950',
	failed: 'bg-red-100 text-red-950',
	suppressed: 'bg-amber-100 text-amber-950',
}

// Typed as a record over every status, so a new status in the schema cannot be forgotten here.
const statuses = Object.keys(statusLabels) as EmailStatus[]

export default function StaffEmails() {
	const { emails, counts, total, templates, filters, pageSize, locale } = useLoaderData<typeof loader>()
	const [searchParams] = useSearchParams()
	const navigation = useNavigation()
	const done = ownEntry(doneMessages, searchParams.get('done'))
	const linkWith = (changes: Record<string, string | null>) => {
		const next = new URLSearchParams(searchParams)
		next.delete('done')
		for (const [key, value] of Object.entries(changes)) {
			if (value === null) next.delete(key)
			else next.set(key, value)
		}
		const query = next.toString()
		return query ? `/staff/emails?${query}` : '/staff/emails'
	}
	const pages = Math.max(1, Math.ceil(total / pageSize))
	const first = total === 0 ? 0 : (filters.page - 1) * pageSize + 1
	const last = Math.min(total, filters.page * pageSize)
	return (
		<div className="space-y-8">
			<header>
				<h1 className="text-3xl font-bold">Emails</h1>
				<p className="mt-2 max-w-3xl text-muted">
					Every email the platform sends, with what the provider told us about it. A failed email gave up after every
					retry; once the problem is fixed you can send it again. Bounced addresses are suppressed and cannot be
					retried.
				</p>
			</header>
			{done ? <ActionNotice tone={done.tone}>{done.text}</ActionNotice> : null}

			<Form
				method="get"
				className="grid gap-4 rounded-xl border border-stone-200 p-4 sm:grid-cols-2 lg:grid-cols-[1fr_1fr_2fr_auto] lg:items-end"
			>
				<div>
					<label htmlFor="filter-status" className="field-label">
						Status
					</label>
					<select id="filter-status" name="status" defaultValue={filters.status ?? ''} className="field-input">
						<option value="">Any status</option>
						{statuses.map((status) => (
							<option key={status} value={status}>
								{statusLabels[status]}
							</option>
						))}
					</select>
				</div>
				<div>
					<label htmlFor="filter-template" className="field-label">
						Template
					</label>
					<select id="filter-template" name="template" defaultValue={filters.template ?? ''} className="field-input">
						<option value="">Any template</option>
						{templates.map((template) => (
							<option key={template} value={template}>
								{template}
							</option>
						))}
					</select>
				</div>
				<div>
					<label htmlFor="filter-to" className="field-label">
						Address contains
					</label>
					<input
						id="filter-to"
						name="to"
						type="search"
						defaultValue={filters.to ?? ''}
						autoComplete="off"
						className="field-input"
					/>
				</div>
				<div className="flex gap-3">
					<button type="submit" className="btn-primary px-4 py-2">
						Show
					</button>
					<Link to="/staff/emails" className="btn-secondary px-4 py-2">
						Clear
					</Link>
				</div>
			</Form>

			<section aria-labelledby="counts-heading">
				<h2 id="counts-heading" className="sr-only">
					Emails by status
				</h2>
				<ul className="flex flex-wrap gap-2">
					{statuses.map((status) => (
						<li key={status}>
							<Link
								to={linkWith({ status: filters.status === status ? null : status, page: null })}
								aria-current={filters.status === status ? 'true' : undefined}
								className={`inline-block rounded-full px-3 py-1 text-sm no-underline ${statusTones[status]} ${filters.status === status ? 'ring-2 ring-brand' : ''}`}
							>
								{statusLabels[status]}: <strong>{counts[status]}</strong>
							</Link>
						</li>
					))}
				</ul>
			</section>

			<section aria-labelledby="list-heading">
				<h2 id="list-heading" className="text-xl font-bold">
					{total === 0 ? 'No emails match' : `Showing ${first}–${last} of ${total}`}
				</h2>
				{emails.length > 0 ? (
					<ScrollTable label="Emails table" className="mt-3">
						<table className="w-full min-w-[62rem] text-left text-sm">
							<thead className="bg-sand">
								<tr>
									<th scope="col" className="p-3">
										To
									</th>
									<th scope="col" className="p-3">
										Template <span className="font-normal text-muted">· category</span>
									</th>
									<th scope="col" className="p-3">
										Status
									</th>
									<th scope="col" className="p-3">
										Attempts
									</th>
									<th scope="col" className="p-3">
										Last error
									</th>
									<th scope="col" className="p-3">
										Sent
									</th>
									<th scope="col" className="p-3">
										Latest provider event
									</th>
									<th scope="col" className="p-3">
										<span className="sr-only">Actions</span>
									</th>
								</tr>
							</thead>
							<tbody className="divide-y divide-stone-200">
								{emails.map((email) => (
									<tr key={email.id} className="align-top">
										<td className="min-w-44 p-3 break-all">{email.toEmail}</td>
										<td className="min-w-40 p-3">
											<span className="whitespace-nowrap">{email.template}</span>
											<span className="text-muted"> · {email.category}</span>
											{email.subject ? <p className="mt-1 text-muted wrap-anywhere">{email.subject}</p> : null}
										</td>
										<td className="p-3">
											<span
												className={`rounded px-2 py-0.5 font-semibold whitespace-nowrap ${statusTones[email.status]}`}
											>
												{statusLabels[email.status]}
											</span>
										</td>
										<td className="p-3">{email.attempts}</td>
										<td className="min-w-48 p-3 wrap-anywhere">
											{email.lastError ?? <span className="text-muted">—</span>}
										</td>
										<td className="p-3 whitespace-nowrap">
											{email.sentAt ? (
												<time dateTime={new Date(email.sentAt).toISOString()}>{staffTime(email.sentAt, locale)}</time>
											) : email.status === 'scheduled' && email.sendAfter ? (
												<span className="text-muted">
													Due{' '}
													<time dateTime={new Date(email.sendAfter).toISOString()}>
														{staffTime(email.sendAfter, locale)}
													</time>
												</span>
											) : (
												<span className="text-muted">Not sent</span>
											)}
										</td>
										<td className="p-3">
											{email.events.length === 0 ? (
												<span className="text-muted">None yet</span>
											) : (
												<ul>
													{email.events.map((event, i) => (
														<li key={`${event.event}-${i}`} className={i === 0 ? 'font-semibold' : 'text-muted'}>
															{event.event}{' '}
															<span className="font-normal whitespace-nowrap">
																{staffTime(event.occurredAt, locale)}
															</span>
														</li>
													))}
												</ul>
											)}
										</td>
										<td className="p-3">
											{email.status === 'failed' ? (
												<Form method="post">
													<input type="hidden" name="intent" value="retry" />
													<input type="hidden" name="emailId" value={email.id} />
													<button
														type="submit"
														className="btn-secondary px-3 py-1 text-sm"
														aria-disabled={navigation.formData?.get('emailId') === email.id || undefined}
													>
														Retry
														<span className="sr-only">
															{' '}
															the {email.template} email to {email.toEmail}
														</span>
													</button>
												</Form>
											) : null}
										</td>
									</tr>
								))}
							</tbody>
						</table>
					</ScrollTable>
				) : null}
				<Pagination
					label="Pages"
					page={filters.page}
					pageCount={pages}
					hrefFor={(page) => linkWith({ page: String(page) })}
					className="mt-4"
				/>
			</section>
		</div>
	)
}
