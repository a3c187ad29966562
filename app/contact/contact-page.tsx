import { type SubmissionResult } from '@conform-to/react'
import { type ReactNode } from 'react'
import { ContactForm, SentNotice } from './contact-form.tsx'

type Props = {
	/** The form's id: "contact" or "media". */
	formId: string
	eyebrow: string
	heading: string
	intro: string
	/** The line under the intro with the team's address, or null when the charity is not known. */
	otherWays: ReactNode
	/** The thank-you shown after sending, which returns here with ?sent=1. */
	sentNotice: { title: string; body: string }
	sent: boolean
	showOrganisation: boolean
	messageLabel: string
	formToken: string
	lastResult?: SubmissionResult<string[]>
}

/** The "Need help?" and media contact pages: one layout, with the wording and fields each page differs in. */
export function ContactPage({ formId, eyebrow, heading, intro, otherWays, sentNotice, sent, ...form }: Props) {
	return (
		<div className="bg-sand">
			<div className="mx-auto grid max-w-5xl gap-10 px-4 py-12 md:grid-cols-5">
				<div className="md:col-span-2">
					<p className="text-sm font-semibold uppercase tracking-wider text-accent-dark">{eyebrow}</p>
					<h1 className="mt-2 text-3xl font-bold sm:text-4xl">{heading}</h1>
					<p className="mt-4 text-lg text-muted">{intro}</p>
					{otherWays ? <p className="mt-4 text-muted">{otherWays}</p> : null}
				</div>
				<div className="space-y-4 md:col-span-3">
					{sent ? (
						<SentNotice>
							<p className="font-semibold">{sentNotice.title}</p>
							<p>{sentNotice.body}</p>
						</SentNotice>
					) : null}
					<ContactForm id={formId} {...form} />
				</div>
			</div>
		</div>
	)
}

export function EmailLink({ email }: { email: string }) {
	return (
		<a className="font-semibold text-brand underline" href={`mailto:${email}`}>
			{email}
		</a>
	)
}
