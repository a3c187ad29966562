/**
 * "+ £186 Gift Aid" beside a total; nothing when there is none (or the
 * charity does not offer Gift Aid, when the server sends 0).
 */
export function GiftAidAdded({
	giftAidMinor,
	money,
	testId,
	className = 'font-semibold text-brand',
}: {
	giftAidMinor: number
	money: (minor: number) => string
	testId: string
	className?: string
}) {
	if (giftAidMinor <= 0) return null
	return (
		<span className={className} data-testid={testId}>
			+ {money(giftAidMinor)} Gift Aid
		</span>
	)
}
