import { type SubmissionResult } from '@conform-to/react'

/** What the manage page's action answers (handleManageAction): the form it was for and that form's result. */
export type ManageActionResult = {
	intent: string | null
	result: SubmissionResult<string[]> | null
	error: string | null
}

/** The result for one of the page's forms, so each form shows only its own errors. */
export function resultFor(actionData: ManageActionResult | undefined, intent: string) {
	return actionData?.intent === intent ? (actionData.result ?? undefined) : undefined
}
