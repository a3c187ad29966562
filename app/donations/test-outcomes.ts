/** What the donor can make happen on the built-in test checkout page. */
export const testOutcomes = [
	{ value: 'succeeds', label: 'Payment succeeds' },
	{ value: 'declined', label: 'Card is declined' },
	{ value: 'async_succeeds', label: 'Bank payment: processing, then succeeds' },
	{ value: 'async_fails', label: 'Bank payment: processing, then fails' },
	{ value: 'refunded_later', label: 'Payment succeeds, then is refunded' },
] as const

export type TestOutcome = (typeof testOutcomes)[number]['value']
