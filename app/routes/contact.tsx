import { type ActionFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useRootData } from '#app/utils/root-data.ts'
import { submitContactForm } from '#app/contact/contact-action.server.ts'
import { ContactPage, EmailLink } from '#app/contact/contact-page.tsx'
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
		<ContactPage
			formId="contact"
			eyebrow="Need help?"
			heading="We're here to help."
			intro="Need more information about fundraising, your page or a donation? Send us a message and someone from our team will follow up with you soon."
			otherWays={
				charity ? (
					<>
						Or contact us at <EmailLink email={charity.contactEmail} />
						{charity.phone ? <> or {charity.phone}</> : null}.
					</>
				) : null
			}
			sentNotice={{
				title: 'Thank you — your message is on its way.',
				body: 'Someone from our team will follow up with you soon.',
			}}
			sent={Boolean(searchParams.get('sent'))}
			showOrganisation={false}
			messageLabel="How can we help?"
			formToken={formToken}
			lastResult={actionData?.result}
		/>
	)
}
