import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { getPublicCampaign } from '#app/campaigns/campaigns.server.ts'

// Card payments arrive with the Stripe checkout; until then this page tells
// donors how to give today instead of failing silently.
export async function loader({ params }: LoaderFunctionArgs) {
	const campaign = await getPublicCampaign(params.slug ?? '')
	if (!campaign) throw data({ error: 'We couldn’t find that fundraiser.' }, { status: 404 })
	return { title: campaign.title, slug: campaign.slug, organiser: campaign.organiserName || 'the organiser' }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Donate to ${data.title}` : 'Donate' }]

export default function DonateSoon() {
	const { title, slug, organiser } = useLoaderData<typeof loader>()
	return (
		<div className="bg-sand">
			<div className="mx-auto max-w-2xl px-4 py-14">
				<h1 className="text-3xl font-bold">Donate to {title}</h1>
				<p className="mt-4 text-lg">
					Thank you for wanting to give! Secure card payments for this page are being switched on and will be here very soon.
				</p>
				<p className="mt-3 text-lg">
					In the meantime you can give cash or a cheque to {organiser}, who can record it on the page, or ask our supporter team
					for other ways to give.
				</p>
				<div className="mt-8 flex flex-col gap-3 sm:flex-row">
					<Link to={`/f/${slug}`} className="btn-primary">
						Back to the fundraiser
					</Link>
					<Link to="/contact" className="btn-secondary">
						Contact our supporter team
					</Link>
				</div>
			</div>
		</div>
	)
}
