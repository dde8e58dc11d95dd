import { productStore } from '../adapters/dynamo-market.js';
import { searchProducts } from '../core/market/market.js';
import { publicView } from '../core/market/products.js';
import { ValidationError } from '../core/shared/errors.js';
import { text } from '../core/shared/text.js';
import { regencyCodeOf } from '../core/villages/places.js';
import { apiHandler } from './http.js';
import { listMarketProducts } from './market-routes.js';

/** Products per page: a phone's screenful or two. */
const PAGE = 24;

export const handler = apiHandler(listMarketProducts, async ({ query }) => {
  const regencyCode = query.regency ?? (query.village ? regencyCodeOf(query.village) : undefined);
  if (!regencyCode || (query.regency && query.village && !query.village.startsWith(`${query.regency}.`))) {
    throw new ValidationError(
      text('Sebutkan desa (village) atau kabupaten (regency).', 'Name a village or a regency.'),
      [{ field: 'village', message: text('village atau regency wajib', 'village or regency is required') }],
    );
  }
  const found = await searchProducts(
    { products: productStore() },
    {
      regencyCode,
      ...(query.village ? { villageCode: query.village } : {}),
      ...(query.category ? { category: query.category } : {}),
      ...(query.q ? { q: query.q } : {}),
      offset: Number(query.cursor ?? 0),
      limit: PAGE,
    },
  );
  return {
    status: 200,
    body: {
      items: found.items.map(publicView),
      total: found.total,
      ...(found.next !== undefined ? { cursor: String(found.next) } : {}),
    },
  };
});
