import { Form } from '@remix-run/react'

/** Signing out here, or everywhere at once (every session on every device). */
export function SignOutSection() {
	return (
		<section aria-labelledby="sign-out-heading" className="rounded-xl bg-white p-6 shadow-sm">
			<h2 id="sign-out-heading" className="text-xl font-bold">
				Signing out
			</h2>
			<p className="mt-2 text-muted">
				Lost a phone, or signed in on a shared computer? Sign out everywhere ends every session, on every device,
				including this one.
			</p>
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
		</section>
	)
}
