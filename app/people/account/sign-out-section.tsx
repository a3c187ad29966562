import { Form } from '@remix-run/react'
import { AccountSection } from './account-section.tsx'

/** Signing out here, or everywhere at once (every session on every device). */
export function SignOutSection() {
	return (
		<AccountSection
			id="sign-out"
			heading="Signing out"
			intro="Lost a phone, or signed in on a shared computer? Sign out everywhere ends every session, on every device, including this one."
		>
			<div className="mt-5 flex flex-col gap-3 sm:flex-row">
				<Form method="post" action="/logout">
					<button type="submit" className="btn-secondary w-full sm:w-auto">
						Sign out
					</button>
				</Form>
				<Form method="post" action="/logout">
					<input type="hidden" name="everywhere" value="1" />
					<button type="submit" className="btn-secondary w-full sm:w-auto">
						Sign out everywhere
					</button>
				</Form>
			</div>
		</AccountSection>
	)
}
