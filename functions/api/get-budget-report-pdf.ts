import { budgetYear, semesterReport } from '../core/budget/budgets.js';
import { renderBudgetReportPdf } from '../core/budget/report-pdf.js';
import { budgetDeps } from './budget-deps.js';
import { getBudgetReportPdf } from './budget-routes.js';
import { apiHandler } from './http.js';

export const handler = apiHandler(getBudgetReportPdf, async ({ params }) => {
  const deps = budgetDeps();
  const report = await semesterReport(
    deps,
    params.code,
    budgetYear(params.year),
    params.semester === '1' ? 1 : 2,
  );
  return {
    status: 200,
    file: {
      contentType: 'application/pdf',
      bytes: await renderBudgetReportPdf(report, deps.clock.now()),
      filename: `laporan-apbdes-${params.code}-${report.year}-semester-${report.semester}.pdf`,
    },
  };
});
