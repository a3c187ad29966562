import { campaignPath } from '#app/campaigns/urls.ts'
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { redirectFromFormerSlug } from '#app/campaigns/campaigns.server.ts'
import { FormErrors } from '#app/components/form-fields.tsx'
import { DonateForm } from '#app/donations/donate-form/donate-form.tsx'
import { loadDonationPage, submitDonation } from '#app/donations/donate-page.server.ts'
import { type PageHandle } from '#app/utils/page-handle.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	// A former link is never anyone's current one, so it can be looked up first.
	await redirectFromFormerSlug(request, params.slug ?? '')
	return loadDonationPage(params.slug ?? '', new URL(request.url).searchParams.get('cancelled'))
}

// The form is plain HTML checked on the server (errors beside the fields,
// what was typed kept), so the page ships no React; the live fee, the
// presets and the ALTCHA widget come from a small script of our own
// (app/donations/donate-form/enhance.ts).
export const handle: PageHandle = { hydrate: false }

export const action = ({ request, context, params }: ActionFunctionArgs) =>
	submitDonation(request, context, params.slug ?? '')

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: data ? `Donate to ${data.campaign.title}` : 'Donate' },
	{ name: 'robots', content: 'noindex' },
]

export default function Donate() {
	const { campaign, organiser, presets, limits, fee, locale, charityName, giftAid, testMode, defaults, cancelled } =
		useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	if (!campaign.takingGifts) {
		const refused = actionData?.result.error?.['']
		return (
			<div className="mx-auto max-w-2xl px-4 py-14">
				<h1 className="text-3xl font-bold">This fundraiser has ended</h1>
				{/* A form sent after the end (from a page left open) says why nothing was taken. */}
				{refused ? (
					<div className="mt-4">
						<FormErrors errors={refused} />
					</div>
				) : null}
				<p className="mt-4 text-lg">{campaign.title} is no longer taking donations. Thank you for thinking of it.</p>
				<Link to={campaignPath(campaign.slug)} className="btn-primary mt-6">
					Back to the fundraiser
				</Link>
			</div>
		)
	}
	return (
		<div className="bg-sand">
			<div className="mx-auto max-w-2xl px-4 py-10">
				<Link to={campaignPath(campaign.slug)} className="text-brand underline">
					← Back to the fundraiser
				</Link>
				<h1 className="mt-3 text-2xl font-bold sm:text-3xl">Donate to {campaign.title}</h1>
				<p className="mt-2 text-muted">
					Your gift goes to {charityName}. You'll pay securely with Stripe; we never see your card details.
				</p>
				{testMode ? (
					<p className="mt-4 rounded-md border-2 border-dashed border-amber-600 bg-amber-50 p-3 text-amber-950">
						<strong>Test mode:</strong> no Stripe account is configured, so no real money moves. You'll choose the
						outcome on a test checkout page.
					</p>
				) : null}
				{cancelled ? (
					<p role="status" className="mt-4 rounded-md bg-brand-light p-3">
						You left the checkout before paying. Your details are still here if you'd like to try again.
					</p>
				) : null}
				<DonateForm
					lastResult={actionData?.result}
					challenge={actionData?.challenge ?? null}
					defaults={defaults}
					presets={presets}
					limits={limits}
					fee={fee}
					currency={campaign.currency}
					locale={locale}
					organiser={organiser}
					charityName={charityName}
					giftAid={giftAid}
				/>
			</div>
		</div>
	)
}
