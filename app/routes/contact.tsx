import { type ActionFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useRootData } from '#app/utils/root-data.ts'
import { submitContactForm } from '#app/contact/contact-action.server.ts'
import { ContactForm, SentNotice } from '#app/contact/contact-form.tsx'
import { newFormToken } from '#app/utils/form-token.server.ts'

export const loader = () => ({ formToken: newFormToken() })

export const action = ({ request, context }: ActionFunctionArgs) =>
	submitContactForm(request, context, 'help', '/contact')

export const meta: MetaFunction = () => [
	{ title: 'Need help? Contact us' },
	{ name: 'description', content: 'Questions about fundraising? Our supporter team is here to help.' },
]

export default function Contact() {
	const { formToken } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [searchParams] = useSearchParams()
	const charity = useRootData()?.charity
	return (
		<div className="bg-sand">
			<div className="mx-auto grid max-w-5xl gap-10 px-4 py-12 md:grid-cols-5">
				<div className="md:col-span-2">
					<p className="text-sm font-semibold uppercase tracking-wider text-accent-dark">Need help?</p>
					<h1 className="mt-2 text-3xl font-bold sm:text-4xl">We're here to help.</h1>
					<p className="mt-4 text-lg text-muted">
						Need more information about fundraising, your page or a donation? Send us a message and someone from our
						team will follow up with you soon.
					</p>
					{charity ? (
						<p className="mt-4 text-muted">
							Or contact us at{' '}
							<a className="font-semibold text-brand underline" href={`mailto:${charity.contactEmail}`}>
								{charity.contactEmail}
							</a>
							{charity.phone ? <> or {charity.phone}</> : null}.
						</p>
					) : null}
				</div>
				<div className="space-y-4 md:col-span-3">
					{searchParams.get('sent') ? (
						<SentNotice>
							<p className="font-semibold">Thank you — your message is on its way.</p>
							<p>Someone from our team will follow up with you soon.</p>
						</SentNotice>
					) : null}
					<ContactForm
						id="contact"
						lastResult={actionData?.result}
						formToken={formToken}
						showOrganisation={false}
						messageLabel="How can we help?"
					/>
				</div>
			</div>
		</div>
	)
}
