import { useRouteLoaderData } from '@remix-run/react'
import { type loader as rootLoader } from '#app/root.tsx'

/** The root loader's data (charity details), from any route. */
export function useRootData() {
	return useRouteLoaderData<typeof rootLoader>('root')
}
