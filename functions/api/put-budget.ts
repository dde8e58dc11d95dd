import * as z from 'zod/mini';
import { budgetRowsFromJson } from '../core/budget/budget.js';
import { budgetYear, putBudget as putBudgetYear } from '../core/budget/budgets.js';
import { budgetRowsFromCsv } from '../core/budget/csv.js';
import { ValidationError } from '../core/shared/errors.js';
import { text } from '../core/shared/text.js';
import { parseOrThrow } from '../core/shared/validation.js';
import { budgetDeps } from './budget-deps.js';
import { putBudget } from './budget-routes.js';
import { apiHandler } from './http.js';

const jsonBody = z.strictObject({
  lines: z.array(z.record(z.string(), z.unknown())).check(z.maxLength(5000)),
  complaintAddress: z.optional(z.string().check(z.maxLength(500))),
});

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw new ValidationError(
      text('Badan permintaan bukan JSON yang valid.', 'The request body is not valid JSON.'),
      [{ field: 'body', message: text('body: JSON tidak valid', 'body: invalid JSON') }],
    );
  }
}

/** PUT /v1/villages/{code}/budgets/{year}: JSON or the CSV template, told apart by Content-Type. */
export const handler = apiHandler(putBudget, async ({ actor, params, rawBody, headers }) => {
  const source = Buffer.from(rawBody).toString('utf8');
  const csv = headers['content-type']?.toLowerCase().startsWith('text/csv');
  const input = csv
    ? { rows: budgetRowsFromCsv(source) }
    : (() => {
        const body = parseOrThrow(jsonBody, parseJson(source));
        return { rows: budgetRowsFromJson(body.lines), complaintAddress: body.complaintAddress };
      })();
  const { budget, created } = await putBudgetYear(
    budgetDeps(),
    actor,
    params.code,
    budgetYear(params.year),
    input,
  );
  return { status: created ? 201 : 200, body: budget };
});
