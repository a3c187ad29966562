import { type ActionFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useRootData } from '#app/utils/root-data.ts'
import { submitContactForm } from '#app/contact/contact-action.server.ts'
import { ContactPage, EmailLink } from '#app/contact/contact-page.tsx'
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
		<ContactPage
			formId="media"
			eyebrow="Press"
			heading="Media contact"
			intro="We're here to answer your questions. Please fill out the form and someone from our team will follow up with you soon."
			otherWays={
				charity ? (
					<>
						Press office: <EmailLink email={charity.mediaEmail} />
					</>
				) : null
			}
			sentNotice={{
				title: 'Thank you — we have your enquiry.',
				body: 'Our media team will follow up with you soon.',
			}}
			sent={Boolean(searchParams.get('sent'))}
			showOrganisation
			messageLabel="Your enquiry"
			formToken={formToken}
			lastResult={actionData?.result}
		/>
	)
}
