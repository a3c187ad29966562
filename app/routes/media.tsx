import { type ActionFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useRootData } from '#app/utils/root-data.ts'
import { submitContactForm } from '#app/contact/contact-action.server.ts'
import { ContactForm, SentNotice } from '#app/contact/contact-form.tsx'
import { newFormToken } from '#app/utils/form-token.server.ts'

export const loader = () => ({ formToken: newFormToken() })

export const action = ({ request, context }: ActionFunctionArgs) =>
	submitContactForm(request, context, 'media', '/media')

export const meta: MetaFunction = () => [
	{ title: 'Media contact' },
	{ name: 'description', content: 'Journalists and media: contact our press team.' },
]

export default function MediaContact() {
	const { formToken } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [searchParams] = useSearchParams()
	const charity = useRootData()?.charity
	return (
		<div className="bg-sand">
			<div className="mx-auto grid max-w-5xl gap-10 px-4 py-12 md:grid-cols-5">
				<div className="md:col-span-2">
					<p className="text-sm font-semibold uppercase tracking-wider text-accent-dark">Press</p>
					<h1 className="mt-2 text-3xl font-bold sm:text-4xl">Media contact</h1>
					<p className="mt-4 text-lg text-muted">
						We're here to answer your questions. Please fill out the form and someone from our team will follow up with
						you soon.
					</p>
					{charity ? (
						<p className="mt-4 text-muted">
							Press office:{' '}
							<a className="font-semibold text-brand underline" href={`mailto:${charity.mediaEmail}`}>
								{charity.mediaEmail}
							</a>
						</p>
					) : null}
				</div>
				<div className="space-y-4 md:col-span-3">
					{searchParams.get('sent') ? (
						<SentNotice>
							<p className="font-semibold">Thank you — we have your enquiry.</p>
							<p>Our media team will follow up with you soon.</p>
						</SentNotice>
					) : null}
					<ContactForm
						id="media"
						lastResult={actionData?.result}
						formToken={formToken}
						showOrganisation
						messageLabel="Your enquiry"
					/>
				</div>
			</div>
		</div>
	)
}
