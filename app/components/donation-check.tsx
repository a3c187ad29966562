import type {} from 'altcha/types/react'
import { useEffect, useSyncExternalStore } from 'react'

// The server renders false and the hydrated browser true: whether scripts run, without a re-render in an effect.
const noSubscription = () => () => {}

/**
 * The check a donor past a donation limit is asked for. With JavaScript the
 * ALTCHA widget solves a proof-of-work by itself (about a second) and puts its
 * answer in the form; without it, a signed wait pass goes with the form and
 * works once the short wait is over.
 */
export function DonationCheck({
	altcha,
	waitPass,
	waitWords,
}: {
	altcha: string
	waitPass: string
	waitWords: string
}) {
	// Shown only once scripts run: without JavaScript the check cannot happen, and the note below says what to do instead.
	const scripted = useSyncExternalStore(
		noSubscription,
		() => true,
		() => false,
	)
	useEffect(() => {
		void import('./altcha-widget.client.ts')
	}, [])
	return (
		<section aria-labelledby="donation-check-heading" className="rounded-md border-2 border-brand bg-brand-light p-4">
			<h2 id="donation-check-heading" className="font-semibold">
				A quick check before you pay
			</h2>
			{scripted ? (
				<p className="mt-1 text-sm">Your browser works this out by itself in a moment; there is nothing to type.</p>
			) : null}
			{/* A new challenge is a new widget, which starts solving again. */}
			<div key={altcha} className="mt-3">
				<altcha-widget
					challenge={altcha}
					name="altcha"
					auto="onload"
					configuration={JSON.stringify({ hideFooter: true, hideLogo: true })}
				/>
			</div>
			<noscript>
				<p className="mt-3">
					Your browser isn't running JavaScript, so it can't do the check. Please wait {waitWords}, then press “Continue
					to secure payment” again.
				</p>
				<input type="hidden" name="waitPass" value={waitPass} />
			</noscript>
		</section>
	)
}
