import { Link } from '@remix-run/react'

const response = [
	{
		title: 'Rescuing victims',
		text: 'We identify children and adults forced into the commercial sex trade, support professional law enforcement rescue operations and make sure everyone is treated with dignity.',
	},
	{
		title: 'Bringing criminals to justice',
		text: 'We partner with local authorities to build strong cases against traffickers, pimps and other perpetrators, and support their prosecution.',
	},
	{
		title: 'Restoring survivors',
		text: 'Individual treatment plans, excellent aftercare homes, focused trauma counselling, and access to school and vocational opportunities.',
	},
	{
		title: 'Strengthening justice systems',
		text: 'Training and mentoring for police, judges and prosecutors, and advocacy so that cases are heard and survivors are protected.',
	},
]

/** What the charity does with the money, and the closing invitation. */
export function OurResponse({ shortName }: { shortName: string }) {
	return (
		<>
			<section className="bg-brand-light" aria-labelledby="response-heading">
				<div className="mx-auto max-w-6xl px-4 py-14">
					<h2 id="response-heading" className="text-3xl font-bold">
						Our response
					</h2>
					<p className="mt-2 max-w-2xl text-muted">
						{shortName} combats sex trafficking in the Dominican Republic, India and the Philippines.
					</p>
					<ul className="mt-8 grid gap-6 sm:grid-cols-2">
						{response.map((item) => (
							<li key={item.title} className="rounded-xl bg-white p-6 shadow-sm">
								<h3 className="text-xl font-bold text-brand-dark">{item.title}</h3>
								<p className="mt-2 leading-relaxed">{item.text}</p>
							</li>
						))}
					</ul>
				</div>
			</section>

			<section className="mx-auto max-w-4xl px-4 py-16 text-center" aria-labelledby="cta-heading">
				<h2 id="cta-heading" className="text-3xl font-bold sm:text-4xl">
					Your gifts change lives.
				</h2>
				<p className="mx-auto mt-4 max-w-2xl text-lg text-muted">
					The power is in your hands to send {shortName} to stop traffickers, slave owners and criminals who oppress the
					poor. New to fundraising? Our free guide has 25 tips to help you reach your goal.
				</p>
				<div className="mt-8 flex flex-col justify-center gap-3 sm:flex-row">
					<Link to="/start" className="btn-primary text-lg">
						Start a fundraiser
					</Link>
					<Link to="/fundraise" className="btn-secondary text-lg">
						Learn more
					</Link>
				</div>
			</section>
		</>
	)
}
