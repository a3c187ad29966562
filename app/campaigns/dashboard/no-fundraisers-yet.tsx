import { Link } from '@remix-run/react'

/** What the dashboard shows before the person's first fundraiser: how to start one. */
export function NoFundraisersYet() {
	return (
		<div className="mt-8 rounded-xl bg-sand p-8 text-center">
			<p className="text-lg">You haven't started a fundraiser yet.</p>
			<p className="mt-2 text-muted">
				It takes about three minutes, and our free guide has 25 tips to help you reach your goal.
			</p>
			<div className="mt-5 flex flex-col justify-center gap-3 sm:flex-row">
				<Link to="/start" className="btn-primary">
					Start a fundraiser
				</Link>
				<Link to="/guide/25-tips" className="btn-secondary">
					Read the 25 tips
				</Link>
			</div>
		</div>
	)
}
