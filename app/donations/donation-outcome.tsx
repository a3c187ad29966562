import { Link } from '@remix-run/react'
import { type DonationStatus } from '#db/schema.ts'

/** The gift as the thank-you page names it, every amount already formatted in the donation's currency. */
export type DonationOutcomeProps = {
	status: DonationStatus
	/** The gift itself. */
	gift: string
	/** What the donor added to cover the processing fee, if anything. */
	coveredFee: string | null
	/** Gift and fee together: what the donor was charged. */
	total: string
	/** The part of the gift refunded so far. */
	refunded: string
	/** What of the gift still goes to the fundraiser. */
	net: string
	title: string
	slug: string
	/** Where a donor with a question about their payment writes. */
	contactEmail: string | null
}

/**
 * What became of the donor's payment, in words: confirmed, still processing,
 * refunded (in full or in part), questioned by their bank, or not taken.
 * A dispute is worded neutrally: the donor may not have raised it.
 */
export function DonationOutcome(props: DonationOutcomeProps) {
	const { status, gift, coveredFee, total, refunded, net, title } = props
	const charged = coveredFee ? (
		<>
			Your payment of <strong>{total}</strong> (your gift of {gift} plus {coveredFee} towards the processing fee)
		</>
	) : (
		<>
			Your gift of <strong>{gift}</strong>
		</>
	)
	switch (status) {
		case 'succeeded':
		case 'dispute_won':
			return (
				<p data-testid="donation-status">
					{coveredFee ? (
						<>
							Your gift of <strong>{gift}</strong>, plus <strong>{coveredFee}</strong> you added to cover the processing
							fee — {total} in all —
						</>
					) : (
						<>
							Your gift of <strong>{gift}</strong>
						</>
					)}{' '}
					to {title} is confirmed.{' '}
					{status === 'succeeded'
						? 'Your receipt is on its way by email.'
						: 'A question your bank raised about the payment has been settled, and the gift stands.'}
				</p>
			)
		case 'pending':
		case 'processing':
			return (
				<p data-testid="donation-status">
					Your payment of <strong>{total}</strong>
					{coveredFee ? ` (your gift of ${gift} plus ${coveredFee} towards the processing fee)` : ''} is processing.
					Some payment methods take a few days; we'll email your receipt as soon as it is confirmed.
				</p>
			)
		case 'refunded':
			return (
				<p data-testid="donation-status">
					{charged} to {title} was refunded to you in full, so it no longer counts towards the fundraiser. We have
					emailed you the details.
				</p>
			)
		case 'partially_refunded':
			return (
				<p data-testid="donation-status">
					Part of your gift of <strong>{gift}</strong> to {title} was refunded to you: <strong>{refunded}</strong>. The
					other <strong>{net}</strong> still counts towards the fundraiser. We have emailed you the details.
				</p>
			)
		case 'disputed':
			return (
				<p data-testid="donation-status">
					{charged} to {title} is being reviewed with your bank, which has asked about it. You don't need to do anything
					here; <QuestionsTo contactEmail={props.contactEmail} />
				</p>
			)
		case 'dispute_lost':
			return (
				<p data-testid="donation-status">
					{charged} to {title} was returned to you by your bank, so it no longer counts towards the fundraiser.{' '}
					<QuestionsTo contactEmail={props.contactEmail} capital />
				</p>
			)
		case 'failed':
		case 'expired':
		case 'pending_confirmation':
		case 'rejected':
			return (
				<p data-testid="donation-status">
					Your payment didn't go through, so you have not been charged.{' '}
					<Link to={`/f/${props.slug}/donate`} className="font-semibold text-brand underline">
						Try again
					</Link>
					.
				</p>
			)
	}
}

function QuestionsTo({ contactEmail, capital = false }: { contactEmail: string | null; capital?: boolean }) {
	const lead = capital ? 'If' : 'if'
	if (!contactEmail) return <>{lead} you have a question, please contact us.</>
	return (
		<>
			{lead} you have a question, write to us at{' '}
			<a className="font-semibold text-brand underline" href={`mailto:${contactEmail}`}>
				{contactEmail}
			</a>
			.
		</>
	)
}
