import { Form, useNavigation } from '@remix-run/react'
import type { listEmailsForStaff } from '#app/staff/emails.server.ts'
import { emailStatusTones } from '#app/staff/emails/email-status.ts'
import { StaffTable, StaffTime } from '#app/staff/staff-ui.tsx'
import { emailStatusLabels } from '#app/utils/status-labels.ts'
import { staffTime } from '#app/utils/time.ts'

type StaffEmail = Awaited<ReturnType<typeof listEmailsForStaff>>['emails'][number]

/** One page of emails: to whom, which template, where delivery stands, and a retry for a failed one. */
export function EmailTable({ emails, locale }: { emails: StaffEmail[]; locale: string }) {
	return (
		<StaffTable
			label="Emails table"
			minWidth="min-w-[62rem]"
			small
			className="mt-3"
			columns={[
				'To',
				<>
					Template <span className="font-normal text-muted">· category</span>
				</>,
				'Status',
				'Attempts',
				'Last error',
				'Sent',
				'Latest provider event',
				<span className="sr-only">Actions</span>,
			]}
			rows={emails}
			rowKey={(email) => email.id}
		>
			{(email) => (
				<>
					<td className="min-w-44 p-3 break-all">{email.toEmail}</td>
					<td className="min-w-40 p-3">
						<span className="whitespace-nowrap">{email.template}</span>
						<span className="text-muted"> · {email.category}</span>
						{email.subject ? <p className="mt-1 text-muted wrap-anywhere">{email.subject}</p> : null}
					</td>
					<td className="p-3">
						<span className={`rounded px-2 py-0.5 font-semibold whitespace-nowrap ${emailStatusTones[email.status]}`}>
							{emailStatusLabels[email.status]}
						</span>
					</td>
					<td className="p-3">{email.attempts}</td>
					<td className="min-w-48 p-3 wrap-anywhere">{email.lastError ?? <span className="text-muted">—</span>}</td>
					<td className="p-3 whitespace-nowrap">
						<EmailSent email={email} locale={locale} />
					</td>
					<td className="p-3">
						<ProviderEvents email={email} locale={locale} />
					</td>
					<td className="p-3">{email.status === 'failed' ? <RetryButton email={email} /> : null}</td>
				</>
			)}
		</StaffTable>
	)
}

function EmailSent({ email, locale }: { email: StaffEmail; locale: string }) {
	if (email.sentAt) return <StaffTime value={email.sentAt} locale={locale} />
	if (email.status === 'scheduled' && email.sendAfter)
		return (
			<span className="text-muted">
				Due <StaffTime value={email.sendAfter} locale={locale} />
			</span>
		)
	return <span className="text-muted">Not sent</span>
}

function ProviderEvents({ email, locale }: { email: StaffEmail; locale: string }) {
	if (email.events.length === 0) return <span className="text-muted">None yet</span>
	return (
		<ul>
			{email.events.map((event, i) => (
				<li key={`${event.event}-${i}`} className={i === 0 ? 'font-semibold' : 'text-muted'}>
					{event.event} <span className="font-normal whitespace-nowrap">{staffTime(event.occurredAt, locale)}</span>
				</li>
			))}
		</ul>
	)
}

function RetryButton({ email }: { email: StaffEmail }) {
	const navigation = useNavigation()
	return (
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
	)
}
