import { getInputProps, getTextareaProps, type FieldMetadata } from '@conform-to/react'
import { useActionData, useNavigation } from '@remix-run/react'
import { useEffect, useRef, type ReactNode } from 'react'
import { FORM_TOKEN_FIELD, HONEYPOT_FIELD } from '#app/utils/forms.ts'

export function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
	return (
		<div id={id} aria-live="polite">
			{errors?.length ? <p className="field-error">{errors[0]}</p> : null}
		</div>
	)
}

type TextFieldProps = {
	field: FieldMetadata<string | null | undefined>
	label: string
	type?: 'text' | 'email' | 'tel' | 'url' | 'date' | 'time'
	autoComplete?: string
	hint?: string
	optional?: boolean
}

export function TextField({ field, label, type = 'text', autoComplete, hint, optional }: TextFieldProps) {
	const hintId = `${field.id}-hint`
	return (
		<div>
			<label htmlFor={field.id} className="field-label">
				{label} {optional ? <span className="font-normal text-muted">(optional)</span> : null}
			</label>
			{hint ? (
				<p id={hintId} className="mb-1 text-sm text-muted">
					{hint}
				</p>
			) : null}
			<input
				{...getInputProps(field, { type, ariaDescribedBy: hint ? hintId : undefined })}
				key={field.key}
				autoComplete={autoComplete}
				className="field-input"
			/>
			<FieldErrors id={field.errorId} errors={field.errors} />
		</div>
	)
}

export function TextAreaField({
	field,
	label,
	rows = 5,
	hint,
}: {
	field: FieldMetadata<string | null | undefined>
	label: string
	rows?: number
	hint?: string
}) {
	return (
		<div>
			<label htmlFor={field.id} className="field-label">
				{label}
			</label>
			{hint ? <p className="mb-1 text-sm text-muted">{hint}</p> : null}
			<textarea {...getTextareaProps(field)} key={field.key} rows={rows} className="field-input" />
			<FieldErrors id={field.errorId} errors={field.errors} />
		</div>
	)
}

/** The form's one-time token from the loader: a double click or a resent form creates nothing twice. */
export function FormTokenInput({ token }: { token: string }) {
	return <input type="hidden" name={FORM_TOKEN_FIELD} value={token} />
}

/**
 * With JavaScript, a form whose post succeeded (the action redirected) is
 * emptied, so its text is not left there for a second, identical post. A post
 * that came back with errors keeps what was typed. `intent` is the value of
 * the form's `intent` field; the action answers errors as `{ intent }`.
 */
export function useResetAfterSuccess(form: { reset: () => void }, intent: string) {
	const navigation = useNavigation()
	const actionData = useActionData<{ intent?: string | null } | undefined>()
	const sent = useRef(false)
	useEffect(() => {
		if (navigation.state === 'submitting' && navigation.formData?.get('intent') === intent) sent.current = true
		if (navigation.state === 'idle' && sent.current) {
			sent.current = false
			if (actionData?.intent !== intent) form.reset()
		}
	}, [navigation.state, navigation.formData, actionData, form, intent])
}

/** Invisible to people (and screen readers); bots that fill every field reveal themselves. */
export function Honeypot() {
	return (
		<div aria-hidden="true" className="absolute -left-[9999px] h-px w-px overflow-hidden">
			<label htmlFor={HONEYPOT_FIELD}>Leave this field empty</label>
			<input id={HONEYPOT_FIELD} name={HONEYPOT_FIELD} type="text" tabIndex={-1} autoComplete="off" />
		</div>
	)
}

export function FormErrors({ errors, id }: { errors?: string[]; id?: string }) {
	if (!errors?.length) return null
	return (
		<div id={id} role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-red-900">
			{errors.map((e) => (
				<p key={e}>{e}</p>
			))}
		</div>
	)
}

export function SubmitButton({ children, pending }: { children: ReactNode; pending?: boolean }) {
	return (
		<button type="submit" className="btn-primary w-full sm:w-auto" aria-disabled={pending || undefined}>
			{pending ? 'Sending…' : children}
		</button>
	)
}
