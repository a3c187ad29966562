import { type TestSequencer, type TestSpecification, type Vitest } from 'vitest/node'

/**
 * Vitest's own order (the slowest files of the last run first; without a
 * record of one, as in CI on a clean checkout, the largest files first), with
 * the bad-input corpus files always first: they are the longest integration
 * files but only a few lines each (the corpus lives in
 * tests/support/bad-input-corpus.ts), so by size they would start last and
 * leave the run waiting on them alone.
 */
export class CorpusFirstSequencer implements TestSequencer {
	constructor(private readonly ctx: Vitest) {}

	private async base() {
		// Loaded here rather than at the top, so the Vite config that names
		// this class does not load Vitest for `npm run build` or `npm run dev`.
		const { BaseSequencer } = await import('vitest/node')
		return new BaseSequencer(this.ctx)
	}

	async shard(files: TestSpecification[]) {
		return (await this.base()).shard(files)
	}

	async sort(files: TestSpecification[]) {
		const sorted = await (await this.base()).sort(files)
		const corpus = (file: TestSpecification) => /\/bad-input-corpus-[^/]*\.test\.ts$/.test(file.moduleId)
		return [...sorted.filter(corpus), ...sorted.filter((file) => !corpus(file))]
	}
}
