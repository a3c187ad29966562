import { campaignPath, campaignUrl } from '#app/campaigns/urls.ts'
import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useRevalidator } from '@remix-run/react'
import { useEffect } from 'react'
import { redirectFromFormerSlug } from '#app/campaigns/campaigns.server.ts'
import { campaignQrLinks, SharePanel } from '#app/components/share-panel.tsx'
import { getCharity } from '#app/config/charity.server.ts'
import { getEnv } from '#app/config/env.server.ts'
import { getDonationBySession } from '#app/donations/donate.server.ts'
import { DonationOutcome } from '#app/donations/donation-outcome.tsx'
import { formatMoney } from '#app/utils/money.ts'
import { useRootData } from '#app/utils/root-data.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const sessionId = new URL(request.url).searchParams.get('session_id') ?? ''
	const found = sessionId ? await getDonationBySession(params.slug ?? '', sessionId) : null
	if (!found) await redirectFromFormerSlug(request, params.slug ?? '')
	if (!found) throw data({ error: 'We couldn’t find that donation.' }, { status: 404 })
	const { donation } = found
	const money = (minor: number) => formatMoney(minor, donation.currency, getCharity().locale)
	return {
		firstName: donation.donorName.split(' ')[0] ?? donation.donorName,
		gift: money(donation.amountMinor),
		// What the donor added to cover the processing fee, and the total they were charged.
		coveredFee: donation.coverFeeMinor > 0 ? money(donation.coverFeeMinor) : null,
		total: money(donation.amountMinor + donation.coverFeeMinor),
		// Refunds count against the gift alone, as the money record keeps them.
		refunded: money(Math.max(0, donation.amountMinor - Math.max(0, found.netMinor))),
		net: money(Math.max(0, found.netMinor)),
		status: donation.status,
		title: found.title,
		slug: found.slug,
		url: campaignUrl(getEnv().APP_URL, found.slug),
	}
}

export const meta: MetaFunction = () => [
	{ title: 'Thank you for your donation' },
	{ name: 'robots', content: 'noindex' },
]

/** Without JavaScript, a settling payment's page reloads itself this often. */
const NO_JS_REFRESH_SECONDS = 10

export default function ThankYou() {
	const { firstName, url, ...outcome } = useLoaderData<typeof loader>()
	const { status, title, slug } = outcome
	const revalidator = useRevalidator()
	const charity = useRootData()?.charity
	const logoUrl = charity?.logoUrl ?? '/images/logo.svg'
	const waiting = status === 'pending' || status === 'processing'
	// While the payment settles, look again every few seconds.
	useEffect(() => {
		if (!waiting) return
		const timer = setInterval(() => revalidator.state === 'idle' && revalidator.revalidate(), 4000)
		return () => clearInterval(timer)
	}, [waiting, revalidator])
	return (
		<div className="bg-sand">
			<div className="mx-auto max-w-2xl px-4 py-12">
				<img src={logoUrl} alt="" width={56} height={56} className="h-14 w-14" />
				<h1 className="mt-4 text-3xl font-bold sm:text-4xl">Thank you, {firstName}!</h1>
				{waiting ? (
					// Without JavaScript nothing polls: the page reloads itself until the payment settles (and stops then).
					<noscript>
						<meta httpEquiv="refresh" content={String(NO_JS_REFRESH_SECONDS)} />
					</noscript>
				) : null}
				<div role="status" aria-live="polite" className="mt-4 text-lg">
					<DonationOutcome {...outcome} contactEmail={charity?.contactEmail ?? null} />
				</div>
				<h2 className="mt-8 text-xl font-bold">What next?</h2>
				<p className="mt-2">
					Sharing this fundraiser helps as much as a gift: a friend who hears about it from you is far more likely to
					give.
				</p>
				<div className="mt-4 rounded-xl bg-white">
					<SharePanel url={url} title={title} qr={campaignQrLinks(slug)} />
				</div>
				<div className="mt-6 rounded-xl bg-white p-6">
					<h2 className="text-xl font-bold">Raise money yourself</h2>
					<p className="mt-2">
						A birthday, a run, a polar dip: a page of your own takes a few minutes, and we'll help you every step of the
						way.
					</p>
					<Link to="/start" className="btn-primary mt-4">
						Start your own fundraiser
					</Link>
				</div>
				<Link to={campaignPath(slug)} className="btn-secondary mt-6 block w-fit">
					Back to the fundraiser
				</Link>
			</div>
		</div>
	)
}
