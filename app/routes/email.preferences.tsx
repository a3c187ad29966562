import { ActionNotice } from '#app/components/action-notice.tsx'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useLoaderData, useSearchParams } from '@remix-run/react'
import { getEmailPreferences, readUnsubscribeToken, saveEmailPreferences } from '#app/email/preferences.server.ts'
import { readFormData } from '#app/utils/forms.server.ts'

function requireToken(request: Request) {
	const token = new URL(request.url).searchParams.get('t') ?? ''
	const parsed = readUnsubscribeToken(token)
	if (!parsed)
		throw data({ error: 'This link is not valid. Please use the link from a recent email.' }, { status: 400 })
	return { token, email: parsed.email }
}

export async function loader({ request }: LoaderFunctionArgs) {
	const { token, email } = requireToken(request)
	return { token, email, preferences: await getEmailPreferences(email) }
}

export async function action({ request }: ActionFunctionArgs) {
	const { token, email } = requireToken(request)
	const form = await readFormData(request)
	await saveEmailPreferences(email, {
		coaching: form.get('coaching') === 'on',
		updates: form.get('updates') === 'on',
		news: form.get('news') === 'on',
	})
	return redirect(`/email/preferences?t=${token}&saved=1`)
}

export const meta: MetaFunction = () => [{ title: 'Email preferences' }, { name: 'robots', content: 'noindex' }]

const options = [
	{
		name: 'coaching',
		label: 'Fundraising tips and coaching',
		hint: 'The guide, ideas, and encouragement while your page is live.',
	},
	{
		name: 'updates',
		label: 'Updates from fundraisers you gave to',
		hint: 'Only from pages where you asked for updates.',
	},
	{ name: 'news', label: 'News from the charity', hint: 'Stories of rescue and justice, and ways to help.' },
] as const

export default function EmailPreferences() {
	const { token, email, preferences } = useLoaderData<typeof loader>()
	const [searchParams] = useSearchParams()
	return (
		<div className="bg-sand">
			<div className="mx-auto max-w-xl px-4 py-14">
				<h1 className="text-3xl font-bold">Email preferences</h1>
				<p className="mt-2 text-muted">
					For <strong className="wrap-anywhere text-ink">{email}</strong>. Receipts and sign-in codes are always sent.
				</p>
				{searchParams.get('saved') ? <ActionNotice className="mt-4">Your preferences are saved.</ActionNotice> : null}
				<Form
					method="post"
					action={`/email/preferences?t=${token}`}
					className="mt-6 space-y-4 rounded-xl bg-white p-6 shadow-sm"
				>
					{options.map((option) => (
						<div key={option.name} className="flex items-start gap-3">
							<input
								type="checkbox"
								id={`pref-${option.name}`}
								name={option.name}
								defaultChecked={preferences[option.name]}
								aria-describedby={`pref-${option.name}-hint`}
								className="mt-1 h-5 w-5 accent-brand"
							/>
							<div>
								<label htmlFor={`pref-${option.name}`} className="font-semibold">
									{option.label}
								</label>
								<p id={`pref-${option.name}-hint`} className="text-sm text-muted">
									{option.hint}
								</p>
							</div>
						</div>
					))}
					<button type="submit" className="btn-primary">
						Save preferences
					</button>
				</Form>
			</div>
		</div>
	)
}
