import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { ResidentSource, SiteFileStore, SiteRenderDeps } from '../core/website/publish-site.js';
import { transparencySource } from '../core/website/transparency.js';
import { budgetStore } from './dynamo-budgets.js';
import { legalProductStore } from './dynamo-legal-products.js';
import { siteItems } from './dynamo-site-items.js';
import { villageDirectory } from './dynamo-villages.js';
import { requiredEnv, systemClock } from './env.js';
import { POPULATION_AS_OF, shippedPopulation } from './registries/population-data.js';
import { s3 } from './s3-client.js';

/**
 * How long CloudFront and browsers keep a page: a published item is on the site within a minute, without
 * an invalidation (which CloudFront charges for beyond 1,000 paths a month).
 */
export const SITE_MAX_AGE_SECONDS = 60;

/** The rendered site in the sites bucket (need 'site:publish': SITES_BUCKET, PUBLIC_BASE_URL). */
export class S3SiteFiles implements SiteFileStore {
  constructor(private readonly bucket: string) {}

  async put(files: Parameters<SiteFileStore['put']>[0]): Promise<void> {
    await Promise.all(
      files.map((file) =>
        s3().send(
          new PutObjectCommand({
            Bucket: this.bucket,
            Key: file.key,
            Body: file.body,
            ContentType: file.contentType,
            CacheControl: `public, max-age=${SITE_MAX_AGE_SECONDS}`,
          }),
        ),
      ),
    );
  }
}

/**
 * The synthetic population register's facts about a village (the same data the registry adapters read;
 * see registries/index.ts): sex, birth date, hamlet, alive, education and occupation.
 */
export const shippedResidents: ResidentSource = {
  residentsOf(villageCode) {
    const people = [...shippedPopulation().values()]
      .filter((person) => person.household.villageCode === villageCode)
      .map(({ resident, household }) => ({
        sex: resident.sex,
        birthDate: resident.birthDate,
        hamlet: household.dusun,
        alive: resident.status === 'alive',
        ...(resident.education ? { education: resident.education } : {}),
        ...(resident.occupation ? { occupation: resident.occupation } : {}),
      }));
    return { asOf: POPULATION_AS_OF, people };
  },
};

/**
 * What a site render reads and writes in a Lambda: the village, its news and agenda, its residents (for the
 * statistics), its adopted budget and its latest legal products.
 */
export const siteRenderDeps = (): SiteRenderDeps => ({
  villages: villageDirectory(),
  items: siteItems(),
  residents: shippedResidents,
  transparency: transparencySource({
    budgets: budgetStore(),
    legalProducts: legalProductStore(),
    clock: systemClock,
  }),
  files: new S3SiteFiles(requiredEnv('SITES_BUCKET')),
  clock: systemClock,
  // Read at each render, not once: the local runtime plays every function in one process, on its own port.
  baseUrl: requiredEnv('PUBLIC_BASE_URL'),
});
