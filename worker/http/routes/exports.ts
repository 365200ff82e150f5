import { Hono } from 'hono';
import { exportCsv } from '../../domain/exports/export-csv';
import { scopeOf } from '../middleware/context';
import type { ApiEnv } from '../types';

/** CSV exports (staff only): `GET /api/exports/clients|invoices|payments|time`, streamed. */
export const exportRoutes = new Hono<ApiEnv>().get('/:kind', async (c) => {
	const { filename, body } = await exportCsv({ ...scopeOf(c), input: { kind: c.req.param('kind') } });
	return new Response(body, {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`,
			'Cache-Control': 'private, no-store',
			'X-Content-Type-Options': 'nosniff'
		}
	});
});
