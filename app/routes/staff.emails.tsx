import { Pagination } from '#app/components/pagination.tsx'
import { ActionNotice } from '#app/components/action-notice.tsx'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { getCharity } from '#app/config/charity.server.ts'
import { requireStaff } from '#app/people/session.server.ts'
import { emailStatuses, listEmailsForStaff, retryFailedEmail, type EmailStatus } from '#app/staff/emails.server.ts'
import { EmailFilters } from '#app/staff/emails/email-filters.tsx'
import { EmailTable } from '#app/staff/emails/email-table.tsx'
import { EmailStatusCounts } from '#app/staff/emails/status-counts.tsx'
import { readFormData } from '#app/utils/forms.server.ts'
import { ownEntry } from '#app/utils/lookup.ts'

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

export default function StaffEmails() {
	const { emails, counts, total, templates, filters, pageSize, locale } = useLoaderData<typeof loader>()
	const [searchParams] = useSearchParams()
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
			<EmailFilters filters={filters} templates={templates} />
			<EmailStatusCounts counts={counts} current={filters.status} linkWith={linkWith} />
			<section aria-labelledby="list-heading">
				<h2 id="list-heading" className="text-xl font-bold">
					{total === 0 ? 'No emails match' : `Showing ${first}–${last} of ${total}`}
				</h2>
				<EmailTable emails={emails} locale={locale} />
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
