import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
	contracts,
	invoiceInstalments,
	invoiceItems,
	invoices,
	numberSequences,
	projects,
	quoteItems,
	quotes,
	tasks
} from '../../../db/schema';
import { CONTRACTS } from '../../dev/seed/ids';
import { DEMO, emailsTo, fixedClock, inDays, scopes, seed, testServices } from '../../../tests/helpers';
import { signContract } from '../contracts/sign-contract';
import { sentContract } from '../contracts/testing';
import { recordManualPayment } from '../payments/record-manual-payment';
import { acceptQuote } from '../quotes/accept-quote';
import { createQuote } from '../quotes/create-quote';
import { getQuote } from '../quotes/get-quote';
import { sendQuote } from '../quotes/send-quote';
import { sampleQuote } from '../quotes/testing';
import { createContract } from '../contracts/create-contract';
import { getProposalProgress } from './get-proposal-progress';
import { proposalStatus } from './proposal-status';

/** A quote with one optional line (500.00), asking for a contract from the demo template and a 30% deposit. */
const proposal = (clientId: string, extra: Record<string, unknown> = {}) =>
	sampleQuote(clientId, {
		items: [
			{ description: 'Design', quantity: '2', unitPrice: '1250.00' },
			{ description: 'Build', quantity: '1.5', unitPrice: '999.99' },
			{ description: 'Copywriting', quantity: '1', unitPrice: '500.00', optional: true }
		],
		contract: `template:${CONTRACTS.servicesTemplate}`,
		deposit: '30%',
		balanceDueDays: '45',
		...extra
	});

async function setup() {
	const services = await seed(testServices({ clock: fixedClock() }));
	return { services, ...(await scopes(services)) };
}

async function sentProposal(
	s: Awaited<ReturnType<typeof setup>>,
	extra: Record<string, unknown> = {},
	sendInput: Record<string, unknown> = {}
) {
	const { id } = await createQuote({ ...s.demoOwner, input: proposal(DEMO.northwindId, extra) });
	await sendQuote({ ...s.demoOwner, quoteId: id, input: sendInput });
	return id;
}

const sign = async (s: Awaited<ReturnType<typeof setup>>, contractId: string) => {
	const hash = (await s.services.db
		.select({ h: contracts.documentHash })
		.from(contracts)
		.where(eq(contracts.id, contractId))
		.get())!.h!;
	return signContract({
		...s.casey,
		contractId,
		input: { method: 'typed', typedName: 'Casey Client', consent: 'on', documentHash: hash }
	});
};

describe('the proposal flow', () => {
	it('accepting stores the ticked options, generates the contract and issues the deposit + balance invoice', async () => {
		const s = await setup();
		const id = await sentProposal(s);
		const before = await getQuote({ ...s.casey, quoteId: id, countView: false });
		// Before acceptance the optional line does not count: 2,500.00 + 1,499.99 - 100 + 7.5% tax.
		expect(before.quote.totalMinor).toBe(419_249);
		const copywriting = before.items.find((i) => i.optional)!;
		const progressBefore = await getProposalProgress({ ...s.casey, quoteId: id });
		expect(progressBefore).toMatchObject({
			status: null,
			next: 'accept',
			asks: { contract: true, deposit: true, depositPercentBp: 3000 }
		});

		const result = await acceptQuote({
			...s.casey,
			quoteId: id,
			input: { confirm: 'on', version: 1, options: copywriting.id }
		});
		await s.services.settle();
		const quote = (await s.services.db.select().from(quotes).where(eq(quotes.id, id)).get())!;
		// With Copywriting: subtotal 4,499.99, discount 100, tax 7.5% of 4,399.99 = 330.00 -> 4,729.99.
		expect(quote).toMatchObject({
			status: 'accepted',
			subtotalMinor: 449_999,
			taxMinor: 33_000,
			totalMinor: 472_999,
			contractId: result.contractId,
			invoiceId: result.invoiceId,
			acceptedDepositMinor: 141_900
		});
		expect(
			(await s.services.db.select().from(quoteItems).where(eq(quoteItems.quoteId, id))).map((i) => [
				i.description,
				i.selected
			])
		).toEqual([
			['Design', true],
			['Build', true],
			['Copywriting', true]
		]);
		// The generated contract is already out, for the client to sign next, tied to the project and quote.
		const contract = (await s.services.db.select().from(contracts).where(eq(contracts.id, result.contractId!)).get())!;
		expect(contract).toMatchObject({
			status: 'sent',
			clientId: DEMO.northwindId,
			quoteId: id,
			projectId: result.projectId
		});
		expect(contract.documentHash).toMatch(/^[0-9a-f]{64}$/);
		expect(contract.bodyMd).toContain('Northwind Traders');
		// One invoice for the accepted total: the chosen lines, a deposit due today and the balance 45 days later.
		const invoice = (await s.services.db.select().from(invoices).where(eq(invoices.id, result.invoiceId!)).get())!;
		expect(invoice).toMatchObject({
			status: 'sent',
			totalMinor: 472_999,
			quoteId: id,
			projectId: result.projectId,
			issueDate: inDays(0),
			dueDate: inDays(0)
		});
		expect(
			(await s.services.db.select().from(invoiceItems).where(eq(invoiceItems.invoiceId, invoice.id)))
				.map((i) => i.description)
				.sort()
		).toEqual(['Build', 'Copywriting', 'Design']);
		const schedule = await s.services.db
			.select()
			.from(invoiceInstalments)
			.where(eq(invoiceInstalments.invoiceId, invoice.id))
			.orderBy(invoiceInstalments.position);
		expect(schedule.map((i) => [i.label, i.amountMinor, i.cumulativeMinor, i.dueDate])).toEqual([
			['Deposit', 141_900, 141_900, inDays(0)],
			['Balance', 331_099, 472_999, inDays(45)]
		]);
		expect((await s.services.db.select().from(tasks).where(eq(tasks.projectId, result.projectId))).length).toBe(3);
		const progress = await getProposalProgress({ ...s.casey, quoteId: id });
		expect(progress).toMatchObject({
			status: 'accepted',
			next: 'sign',
			contract: { id: result.contractId, signed: false },
			deposit: { invoiceId: invoice.id, amountMinor: 141_900, paid: false, instalmentId: schedule[0].id }
		});
		// The client got the invoice; staff were told what comes next.
		expect((await emailsTo(s.services, DEMO.caseyEmail)).some((m) => m.subject.startsWith(`Invoice INV-`))).toBe(true);
		expect((await emailsTo(s.services, DEMO.ownerEmail))[0].text).toMatch(
			/sign the contract and pay the deposit of \$1,419\.00/
		);
	});

	it('moves accepted -> contract signed -> complete as the client signs and pays the deposit', async () => {
		const s = await setup();
		const id = await sentProposal(s);
		const { contractId, invoiceId } = await acceptQuote({
			...s.casey,
			quoteId: id,
			input: { confirm: 'on', version: 1 }
		});
		await sign(s, contractId!);
		expect(await getProposalProgress({ ...s.demoOwner, quoteId: id })).toMatchObject({
			status: 'contract_signed',
			next: 'pay'
		});
		const deposit = (await getProposalProgress({ ...s.casey, quoteId: id })).deposit!;
		// Unticked, the optional line is neither stored as chosen nor invoiced: 30% of 4,192.49.
		expect(deposit.amountMinor).toBe(125_775);
		await recordManualPayment({
			...s.demoOwner,
			invoiceId: invoiceId!,
			input: { amount: '1257.75', paidOn: inDays(0), method: 'bank_transfer' }
		});
		const done = await getProposalProgress({ ...s.casey, quoteId: id });
		expect(done).toMatchObject({
			status: 'complete',
			next: 'done',
			deposit: { paid: true },
			balance: { paid: false, dueDate: inDays(45) }
		});
		const invoice = (await s.services.db.select().from(invoices).where(eq(invoices.id, invoiceId!)).get())!;
		// The invoice is now due when the balance is.
		expect(invoice).toMatchObject({ status: 'partially_paid', amountPaidMinor: 125_775, dueDate: inDays(45) });
		await s.services.settle();
	});

	it('says "deposit paid" when the deposit comes before the signature, and only then complete', () => {
		const base = {
			contractId: 'ctr',
			invoiceId: 'inv',
			acceptedDepositMinor: 100,
			invoiceStatus: 'partially_paid' as const
		};
		expect(proposalStatus({ ...base, contractStatus: 'sent', amountPaidMinor: 0 })).toBe('accepted');
		expect(proposalStatus({ ...base, contractStatus: 'sent', amountPaidMinor: 100 })).toBe('deposit_paid');
		expect(proposalStatus({ ...base, contractStatus: 'signed', amountPaidMinor: 99 })).toBe('contract_signed');
		expect(proposalStatus({ ...base, contractStatus: 'countersigned', amountPaidMinor: 100 })).toBe('complete');
		// Nothing asked: complete at once; a deposit invoice staff voided no longer holds it up.
		expect(
			proposalStatus({
				contractId: null,
				contractStatus: null,
				invoiceId: null,
				invoiceStatus: null,
				amountPaidMinor: null,
				acceptedDepositMinor: null
			})
		).toBe('complete');
		expect(proposalStatus({ ...base, contractStatus: 'signed', invoiceStatus: 'void', amountPaidMinor: 0 })).toBe(
			'complete'
		);
	});

	it('accepts once under concurrent clicks: one project, contract and invoice, and one invoice number used', async () => {
		const s = await setup();
		const id = await sentProposal(s);
		const before = (await s.services.db
			.select()
			.from(numberSequences)
			.where(and(eq(numberSequences.workspaceId, DEMO.workspaceId), eq(numberSequences.name, 'invoice')))
			.get())!.lastValue;
		const results = await Promise.allSettled(
			Array.from({ length: 8 }, () => acceptQuote({ ...s.casey, quoteId: id, input: { confirm: 'on', version: 1 } }))
		);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'conflict' });
		expect(await s.services.db.select().from(invoices).where(eq(invoices.quoteId, id))).toHaveLength(1);
		expect(await s.services.db.select().from(contracts).where(eq(contracts.quoteId, id))).toHaveLength(1);
		expect(await s.services.db.select().from(projects).where(eq(projects.quoteId, id))).toHaveLength(1);
		const after = (await s.services.db
			.select()
			.from(numberSequences)
			.where(and(eq(numberSequences.workspaceId, DEMO.workspaceId), eq(numberSequences.name, 'invoice')))
			.get())!.lastValue;
		expect(after).toBe(before + 1);
		await s.services.settle();
	});

	it('refuses options that are not optional lines of this quote', async () => {
		const s = await setup();
		const id = await sentProposal(s);
		const required = (await getQuote({ ...s.casey, quoteId: id, countView: false })).items.find((i) => !i.optional)!;
		await expect(
			acceptQuote({ ...s.casey, quoteId: id, input: { confirm: 'on', version: 1, options: [required.id] } })
		).rejects.toMatchObject({ code: 'validation_failed', fields: { options: expect.any(String) } });
		await expect(
			acceptQuote({ ...s.casey, quoteId: id, input: { confirm: 'on', version: 1, options: ['qti_someone_else'] } })
		).rejects.toMatchObject({ fields: { options: expect.any(String) } });
		expect((await s.services.db.select().from(quotes).where(eq(quotes.id, id)).get())!.status).toBe('sent');
	});

	it('joins an existing project when staff chose one when sending, adding the tasks at the end of its To do column', async () => {
		const s = await setup();
		const id = await sentProposal(s, { contract: '', deposit: '' }, { attachToProjectId: DEMO.websiteProjectId });
		const projectsBefore = await s.services.db.select().from(projects).where(eq(projects.clientId, DEMO.northwindId));
		const tasksBefore = await s.services.db.select().from(tasks).where(eq(tasks.projectId, DEMO.websiteProjectId));
		const { projectId, invoiceId, contractId } = await acceptQuote({
			...s.casey,
			quoteId: id,
			input: { confirm: 'on', version: 1 }
		});
		expect(projectId).toBe(DEMO.websiteProjectId);
		expect(invoiceId).toBeNull();
		expect(contractId).toBeNull();
		expect(await s.services.db.select().from(projects).where(eq(projects.clientId, DEMO.northwindId))).toHaveLength(
			projectsBefore.length
		);
		const added = (await s.services.db.select().from(tasks).where(eq(tasks.projectId, DEMO.websiteProjectId))).filter(
			(t) => !tasksBefore.some((b) => b.id === t.id)
		);
		expect(added.map((t) => t.title).sort()).toEqual(['Build', 'Design']);
		const lastTodo = Math.max(...tasksBefore.filter((t) => t.status === 'todo').map((t) => t.position), 0);
		expect(added.every((t) => t.position > lastTodo)).toBe(true);
		expect(await getProposalProgress({ ...s.casey, quoteId: id })).toMatchObject({ status: 'complete', next: 'done' });
		await s.services.settle();
	});

	it("refuses to send into another client's project, or one that is cancelled", async () => {
		const s = await setup();
		const { id } = await createQuote({ ...s.demoOwner, input: proposal(DEMO.northwindId) });
		await expect(
			sendQuote({ ...s.demoOwner, quoteId: id, input: { attachToProjectId: DEMO.globexProjectId } })
		).rejects.toMatchObject({ code: 'validation_failed', fields: { attachToProjectId: expect.any(String) } });
		await s.services.db.update(projects).set({ status: 'cancelled' }).where(eq(projects.id, DEMO.websiteProjectId));
		await expect(
			sendQuote({ ...s.demoOwner, quoteId: id, input: { attachToProjectId: DEMO.websiteProjectId } })
		).rejects.toMatchObject({ fields: { attachToProjectId: expect.any(String) } });
		expect((await s.services.db.select().from(quotes).where(eq(quotes.id, id)).get())!.status).toBe('draft');
	});

	it('sends a linked draft contract with the quote, so the client can read it before accepting', async () => {
		const s = await setup();
		const { id: contractId } = await createContract({
			...s.demoOwner,
			input: { clientId: DEMO.northwindId, title: 'Website agreement', bodyMd: 'We build it.' }
		});
		const id = await sentProposal(s, { contract: `contract:${contractId}`, deposit: '' });
		const contract = (await s.services.db.select().from(contracts).where(eq(contracts.id, contractId)).get())!;
		expect(contract.status).toBe('sent');
		expect(contract.documentHash).toMatch(/^[0-9a-f]{64}$/);
		const { projectId } = await acceptQuote({ ...s.casey, quoteId: id, input: { confirm: 'on', version: 1 } });
		expect(await s.services.db.select().from(contracts).where(eq(contracts.id, contractId)).get()).toMatchObject({
			quoteId: id,
			projectId
		});
		expect((await getProposalProgress({ ...s.casey, quoteId: id })).next).toBe('sign');
		await sign(s, contractId);
		expect((await getProposalProgress({ ...s.casey, quoteId: id })).status).toBe('complete');
		await s.services.settle();
	});

	it("checks the proposal settings: another client's contract, a void one, a bad deposit or balance days", async () => {
		const s = await setup();
		const globex = await sentContract(s.demoOwner, DEMO.globexId);
		await expect(
			createQuote({
				...s.demoOwner,
				input: proposal(DEMO.northwindId, { contract: `contract:${globex.id}`, deposit: '0%', balanceDueDays: '-3' })
			})
		).rejects.toMatchObject({
			code: 'validation_failed',
			fields: {
				contract: expect.stringContaining("this client's"),
				deposit: expect.stringContaining('above 0'),
				balanceDueDays: expect.any(String)
			}
		});
		await expect(
			createQuote({
				...s.demoOwner,
				input: proposal(DEMO.northwindId, { contract: 'template:tpl_nope', deposit: 'lots' })
			})
		).rejects.toMatchObject({ fields: { contract: expect.any(String), deposit: expect.any(String) } });
	});
});
