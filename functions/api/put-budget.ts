import * as z from 'zod/mini';
import { budgetRowsFromJson } from '../core/budget/budget.js';
import { budgetYear, putBudget as putBudgetYear } from '../core/budget/budgets.js';
import { budgetRowsFromCsv } from '../core/budget/csv.js';
import { parseOrThrow } from '../core/shared/validation.js';
import { budgetDeps } from './budget-deps.js';
import { putBudget } from './budget-routes.js';
import { apiHandler, parseJsonText } from './http.js';

const jsonBody = z.strictObject({
  lines: z.array(z.record(z.string(), z.unknown())).check(z.maxLength(5000)),
  complaintAddress: z.optional(z.string().check(z.maxLength(500))),
});

/** PUT /v1/villages/{code}/budgets/{year}: JSON or the CSV template, told apart by Content-Type. */
export const handler = apiHandler(putBudget, async ({ actor, params, rawBody, headers }) => {
  const source = Buffer.from(rawBody).toString('utf8');
  const csv = headers['content-type']?.toLowerCase().startsWith('text/csv');
  const input = csv
    ? { rows: budgetRowsFromCsv(source) }
    : (() => {
        const body = parseOrThrow(jsonBody, parseJsonText(source));
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
