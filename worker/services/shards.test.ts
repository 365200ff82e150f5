import { describe, expect, it } from 'vitest';
import { allShards, isKnownShard, parseShardDirectory, shardOf } from './shards';

describe('the shard directory var', () => {
	it('matches a portal however its slug or domain is spelt in the var', () => {
		const directory = parseShardDirectory('{"North": "DB_SHARD_2", "Portal.North.Example.": "DB_SHARD_2"}');
		expect(shardOf(directory, 'north')).toBe('DB_SHARD_2');
		expect(shardOf(directory, 'portal.north.example')).toBe('DB_SHARD_2');
		expect(shardOf(directory, 'south')).toBe('DB');
		expect(shardOf(directory, null)).toBe('DB');
		expect(allShards(directory)).toEqual(['DB', 'DB_SHARD_2']);
		expect(isKnownShard(directory, 'DB_SHARD_3')).toBe(false);
	});

	it('refuses a value that is not a D1 binding name, and a var that is not an object, saying what is wrong', () => {
		expect(() => parseShardDirectory('{"north": "shard-2"}')).toThrow(/north names shard-2/);
		expect(() => parseShardDirectory('["DB_SHARD_2"]')).toThrow(/must be a JSON object/);
		expect(parseShardDirectory(undefined)).toEqual({});
	});
});
