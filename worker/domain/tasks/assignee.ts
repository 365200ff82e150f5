import { AppError } from '../errors';

/** The assignee must be staff of this workspace (checked with staffMembersQuery(scope, id)). */
export function assigneeError(): AppError {
	return new AppError('validation_failed', 'Please correct the highlighted fields.', {
		fields: { assigneeUserId: 'Choose someone from your team, or nobody.' }
	});
}
