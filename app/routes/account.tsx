import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { loadYourGifts } from '#app/donations/donor-gifts.server.ts'
import { YourGifts } from '#app/donations/your-gifts.tsx'
import { processProfilePhoto } from '#app/media/images.server.ts'
import { DeleteAccountSection } from '#app/people/account/delete-account-form.tsx'
import { ProfilePhotoSection } from '#app/people/account/photo-form.tsx'
import { ProfileSection } from '#app/people/account/profile-form.tsx'
import { SignOutSection } from '#app/people/account/sign-out-section.tsx'
import { deleteAccount, setProfilePhoto, updateProfile } from '#app/people/account.server.ts'
import { deleteAccountSchema, profilePhotoSchema, profileSchema } from '#app/people/auth-schema.ts'
import { destroySession, requireSessionPerson } from '#app/people/session.server.ts'
import { readFormData } from '#app/utils/forms.server.ts'
import { useRootData } from '#app/utils/root-data.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	const person = await requireSessionPerson(request)
	return {
		person: {
			email: person.email,
			firstName: person.firstName,
			lastName: person.lastName,
			coachingEmails: person.coachingEmails,
			newsConsent: person.emailConsentAt !== null,
			photoUrl: person.photoUrl,
		},
		gifts: await loadYourGifts(request, person.id),
	}
}

export async function action({ request }: ActionFunctionArgs) {
	const person = await requireSessionPerson(request)
	const formData = await readFormData(request)
	if (formData.get('intent') === 'photo') {
		const submission = parseWithZod(formData, { schema: profilePhotoSchema })
		if (submission.status !== 'success')
			return data({ intent: 'photo' as const, result: submission.reply() }, { status: 400 })
		const processed = await processProfilePhoto(submission.value.photo)
		if (!processed.ok) {
			return data(
				{ intent: 'photo' as const, result: submission.reply({ fieldErrors: { photo: [processed.error] } }) },
				{ status: 400 },
			)
		}
		await setProfilePhoto(person.id, processed.image.url)
		return redirect('/account?saved=photo')
	}
	if (formData.get('intent') === 'remove-photo') {
		await setProfilePhoto(person.id, null)
		return redirect('/account?saved=photo')
	}
	if (formData.get('intent') === 'delete') {
		const submission = parseWithZod(formData, { schema: deleteAccountSchema })
		if (submission.status !== 'success') {
			return data({ intent: 'delete' as const, result: submission.reply() }, { status: 400 })
		}
		const deleted = await deleteAccount(person.id)
		if (!deleted.ok) {
			return data(
				{ intent: 'delete' as const, result: submission.reply({ formErrors: [deleted.message] }) },
				{ status: 409 },
			)
		}
		return redirect('/', { headers: { 'Set-Cookie': await destroySession(request) } })
	}
	const submission = parseWithZod(formData, { schema: profileSchema })
	if (submission.status !== 'success') {
		return data({ intent: 'profile' as const, result: submission.reply() }, { status: 400 })
	}
	const { firstName, lastName, coachingEmails, newsConsent } = submission.value
	await updateProfile(person.id, { firstName, lastName, coachingEmails, newsConsent })
	// A fresh page after saving, so reloading it does not post the form again.
	return redirect('/account?saved=1')
}

export const meta: MetaFunction = () => [{ title: 'Your account' }]

export default function Account() {
	const { person, gifts } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const [searchParams] = useSearchParams()
	const charityName = useRootData()?.charity.name ?? 'the charity'
	const pendingIntent = navigation.state === 'submitting' ? navigation.formData?.get('intent') : null
	const saved = actionData ? null : searchParams.get('saved')
	const resultFor = (intent: 'profile' | 'photo' | 'delete') =>
		actionData?.intent === intent ? actionData.result : undefined
	return (
		<div className="bg-sand">
			<div className="mx-auto max-w-3xl space-y-8 px-4 py-12">
				<div>
					{person.firstName ? (
						<p className="mb-2 text-sm font-semibold uppercase tracking-wider text-accent-dark">Your account</p>
					) : null}
					<h1 className="text-3xl font-bold sm:text-4xl">
						{person.firstName ? `Hello, ${person.firstName}` : 'Your account'}
					</h1>
					<p className="mt-3 text-lg text-muted">
						Signed in as <strong className="wrap-anywhere text-ink">{person.email}</strong>
					</p>
				</div>
				<ProfileSection
					person={person}
					charityName={charityName}
					lastResult={resultFor('profile')}
					saved={Boolean(saved)}
					pending={pendingIntent === 'profile'}
				/>
				<ProfilePhotoSection
					person={person}
					lastResult={resultFor('photo')}
					saved={saved === 'photo'}
					pending={pendingIntent === 'photo'}
				/>
				<YourGifts data={gifts} />
				<SignOutSection />
				<DeleteAccountSection lastResult={resultFor('delete')} pending={pendingIntent === 'delete'} />
			</div>
		</div>
	)
}
