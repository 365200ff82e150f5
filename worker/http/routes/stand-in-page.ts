import { formatMoney } from '../../domain/format';
import { callbackPath } from '../../domain/payments/start-payment';
import { escapeHtml as e } from '../../services/mail/layout';

/** The development stand-in checkout page (Paystack's or Stripe's): "Pay" posts back to `action`. */
export function standInPage(args: {
	provider: string;
	event: string;
	action: string;
	payment: { amountMinor: number; currency: string; status: string; invoiceId: string; reference: string };
	workspace: { displayName: string | null; name: string };
	invoiceNumber: string;
}): string {
	const { payment, workspace, invoiceNumber } = args;
	const amount = formatMoney(payment.amountMinor, payment.currency);
	const done = payment.status !== 'pending';
	return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Test checkout · ${e(invoiceNumber)}</title>
<style>body{font-family:system-ui,sans-serif;background:#f3f4f6;color:#111827;margin:0;padding:2rem 1rem}main{max-width:26rem;margin:0 auto;background:#fff;border:1px solid #d1d5db;border-radius:8px;padding:1.5rem}p.note{background:#fffbeb;border:1px solid #fde68a;color:#78350f;padding:.75rem;border-radius:6px;font-size:.9rem}.amount{font-size:2rem;font-weight:700;margin:.25rem 0 1rem}button{font:inherit;font-weight:600;min-height:2.75rem;padding:.5rem 1rem;border-radius:6px;border:1px solid #6b7280;background:#fff;cursor:pointer;width:100%;margin-top:.5rem}button.pay{background:#0f766e;border-color:#0f766e;color:#fff}:focus-visible{outline:3px solid #2563eb;outline-offset:2px}</style></head>
<body><main><h1>Test checkout</h1>
<p class="note">Development stand-in for ${e(args.provider)}. No money moves: "Pay" sends a signed <code>${e(args.event)}</code> webhook to this app.</p>
<p>${e(workspace.displayName ?? workspace.name)} · Invoice ${e(invoiceNumber)}</p>
<p class="amount">${e(amount)}</p>
${
	done
		? `<p>This payment is ${e(payment.status)}.</p><p><a href="${e(callbackPath(payment.invoiceId))}?reference=${e(payment.reference)}">Back to the invoice</a></p>`
		: `<form method="POST" action="${e(args.action)}"><input type="hidden" name="reference" value="${e(payment.reference)}"><button class="pay" type="submit" name="action" value="pay">Pay ${e(amount)}</button><button type="submit" name="action" value="cancel">Cancel payment</button></form>`
}
</main></body></html>`;
}
