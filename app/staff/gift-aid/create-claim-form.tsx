import { Form, useNavigation } from '@remix-run/react'
import { FormTokenInput, SubmitButton } from '#app/components/form-fields.tsx'
import { giftAidOn } from '#app/gift-aid/wording.ts'
import { formatMoney } from '#app/utils/money.ts'

/** What a new batch would hold now, and the button that makes it (once, however often it is pressed). */
export function CreateClaimForm({
	ready,
	maxGifts,
	locale,
	token,
}: {
	ready: { gifts: number; amountMinor: number; capped: boolean }
	maxGifts: number
	locale: string
	token: string
}) {
	const navigation = useNavigation()
	const money = (minor: number) => formatMoney(minor, 'GBP', locale)
	return (
		<section aria-labelledby="create-heading" className="rounded-xl border border-stone-200 p-4 sm:p-5">
			<h2 id="create-heading" className="text-2xl font-bold">
				New claim batch
			</h2>
			{ready.gifts === 0 ? (
				<p className="mt-2">No gifts are ready to claim right now.</p>
			) : (
				<p className="mt-2">
					{ready.capped ? `The oldest ${ready.gifts.toLocaleString(locale)}` : ready.gifts.toLocaleString(locale)}{' '}
					{ready.gifts === 1 ? 'gift is' : 'gifts are'} ready: {money(ready.amountMinor)} given, about{' '}
					{money(giftAidOn(ready.amountMinor))} of Gift Aid.
					{ready.capped
						? ` A batch holds at most ${maxGifts.toLocaleString(locale)} gifts; the rest wait for the next.`
						: ''}
				</p>
			)}
			<Form method="post" className="mt-4">
				<input type="hidden" name="intent" value="create" />
				<FormTokenInput token={token} />
				<SubmitButton pending={navigation.state === 'submitting' && navigation.formData?.get('intent') === 'create'}>
					Create claim batch
				</SubmitButton>
			</Form>
		</section>
	)
}
