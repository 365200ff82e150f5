import type { ContractStatus } from '$domain/contracts/contract-status';
import { CONTRACT_STATUSES, listContracts } from '$domain/contracts/list-contracts';
import { pageFrom } from '$domain/pagination';
import { loadOrError, staffScope } from '$lib/server/kit';

export const load = async ({ locals, url }) => {
	const scope = staffScope(locals, url);
	const param = url.searchParams.get('status');
	const status = CONTRACT_STATUSES.includes(param as ContractStatus) ? (param as ContractStatus) : undefined;
	return { contracts: await loadOrError(() => listContracts({ ...scope, page: pageFrom(url.searchParams), status })), status: status ?? '' };
};
