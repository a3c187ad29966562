import { type MetaFunction } from '@remix-run/node'
import { Link } from '@remix-run/react'

export const meta: MetaFunction = () => [{ title: 'Thank you for signing up' }]

export default function LearnMoreThanks() {
	return (
		<div className="bg-sand">
			<div className="mx-auto max-w-2xl px-4 py-16 text-center">
				<img src="/images/logo.svg" alt="" width={64} height={64} className="mx-auto h-16 w-16" />
				<h1 className="mt-4 text-3xl font-bold sm:text-4xl">Thank you!</h1>
				<p className="mt-6 text-lg">
					Thank you for signing up to learn more about starting a fundraiser. We will be in touch soon!
				</p>
				<p className="mt-4 text-lg">
					Asked for fundraising tips by email? Press <strong>Yes, send me tips</strong> in the email we’ve just sent, so
					we know it was you.
				</p>
				<p className="mt-4 text-lg">
					In the meantime, please take a look at our free guide:{' '}
					<Link to="/guide/25-tips" className="font-semibold text-brand underline">
						25 Tips for the Novice Fundraiser
					</Link>
					.
				</p>
				<div className="mt-10 flex flex-col justify-center gap-3 sm:flex-row">
					<Link to="/guide/25-tips" className="btn-primary">
						Read the 25 tips
					</Link>
					<Link to="/" className="btn-secondary">
						Back to the home page
					</Link>
				</div>
			</div>
		</div>
	)
}
