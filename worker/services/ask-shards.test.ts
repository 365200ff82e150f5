import { afterEach, describe, expect, it, vi } from 'vitest';
import { testServices } from '../../tests/helpers';
import type { Services } from './index';
import { askShards } from './ask-shards';

afterEach(() => vi.restoreAllMocks());

/** Services whose onShard names the shard it was asked for, and throws for `broken` (no binding). */
function threeShards(broken: string): Services {
	const services = testServices();
	return {
		...services,
		onShard(shard: string) {
			if (shard === broken) throw new Error(`No D1 binding named ${shard}`);
			return { ...services, shard };
		}
	};
}

describe('asking every shard', () => {
	it('keeps the answers of the shards that answered, in order, and reports the one that failed', async () => {
		const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
		const services = threeShards('B');
		const { answered, failed } = await askShards(services, ['A', 'B', 'C'], 'test', async (on) => {
			if (on.shard === 'C') await new Promise((resolve) => setTimeout(resolve, 5));
			return `from ${on.shard}`;
		});
		expect(answered.map(({ shard, value }) => [shard, value])).toEqual([
			['A', 'from A'],
			['C', 'from C']
		]);
		expect(answered.map(({ services: on }) => on.shard)).toEqual(['A', 'C']);
		expect(failed).toEqual([{ shard: 'B', reason: expect.objectContaining({ message: 'No D1 binding named B' }) }]);
		expect(logged).toHaveBeenCalledWith('test: shard B did not answer:', 'No D1 binding named B');
	});

	it('reports a query that fails on one shard without losing the others', async () => {
		vi.spyOn(console, 'error').mockImplementation(() => {});
		const { answered, failed } = await askShards(threeShards('none'), ['A', 'B', 'C'], 'test', async (on) => {
			if (on.shard === 'A') throw new Error('A is unavailable');
			return on.shard;
		});
		expect(answered.map(({ value }) => value)).toEqual(['B', 'C']);
		expect(failed.map(({ shard }) => shard)).toEqual(['A']);
	});
});
