/** The transparency screens, one chunk loaded on first use (one chunk splits the shared code less finely than three). */
export { budgetPage } from './budget.js';
export { legalPage } from './legal.js';
export { sitePage } from './site.js';
