import type {} from 'altcha/types/react'
import altchaStyles from 'altcha/altcha.css?url'
import altchaScript from 'altcha-widget-minified?url'
import altchaWorker from 'altcha/workers/pbkdf2?url'

/**
 * The check a donor past a donation limit is asked for. With JavaScript the
 * ALTCHA widget solves a proof-of-work by itself (about a second) and puts its
 * answer in the form: the donation form's script (app/donations/donate-form/
 * enhance.ts) loads the widget, its styles and its worker from our own origin,
 * named here. Without it, a signed wait pass goes with the form and works once
 * the short wait is over.
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
	return (
		<section
			aria-labelledby="donation-check-heading"
			className="rounded-md border-2 border-brand bg-brand-light p-4"
			data-altcha-script={altchaScript}
			data-altcha-styles={altchaStyles}
			data-altcha-worker={altchaWorker}
		>
			<h2 id="donation-check-heading" className="font-semibold">
				A quick check before you pay
			</h2>
			{/* Shown once the script runs: without JavaScript the check cannot happen, and the note below says what to do instead. */}
			<p className="mt-1 text-sm" hidden data-altcha-note>
				Your browser works this out by itself in a moment; there is nothing to type.
			</p>
			{/* Inert until the script has registered the widget's worker and moves a copy in (the widget starts solving on arrival). */}
			<template data-altcha-widget>
				<altcha-widget
					challenge={altcha}
					name="altcha"
					auto="onload"
					configuration={JSON.stringify({ hideFooter: true, hideLogo: true })}
				/>
			</template>
			<div className="mt-3" data-altcha-place />
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
