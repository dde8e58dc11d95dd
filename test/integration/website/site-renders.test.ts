import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BUDGETS } from '../../../config/demo-budgets.js';
import { DEMO_VILLAGES } from '../../../config/villages.js';
import { DynamoStaleSites } from '../../../functions/adapters/dynamo-stale-sites.js';
import { villageDirectory } from '../../../functions/adapters/dynamo-villages.js';
import { systemClock } from '../../../functions/adapters/env.js';
import { siteRenderDeps } from '../../../functions/adapters/website.js';
import { renderVillageSite } from '../../../functions/core/website/publish-site.js';
import { renderStaleSites } from '../../../functions/core/website/stale-sites.js';
import { S3RVER_CREDENTIALS } from '../../../lib/local/s3.js';
import { TAMPO } from '../../support/fixtures.js';
import { type ApiClient, signInAll, startTestRuntime } from '../../support/runtime.js';

type Runtime = Awaited<ReturnType<typeof startTestRuntime>>;

/** Tampo's demo APBDes (the year its site shows), adopted, with semester 1 recorded by the seeding. */
const YEAR = DEMO_BUDGETS.find((budget) => budget.villageCode === TAMPO)?.year ?? 0;
/** BLT Dana Desa, the one kegiatan of bidang 05: Rp 50.000.000 realised in semester 1, of Rp 100.000.000. */
const BLT = '05.03.01';
const BLT_SEMESTER_1 = 50_000_000;

/**
 * Changes the village website shows but no route renders (issue 12): a realisation recorded through the
 * API marks Tampo's site stale, the scheduled job renders it and clears the mark; a mark set again while
 * the site rendered survives that render, and the next run shows the later change.
 */
describe('the site render job, run on the local runtime', () => {
  let runtime: Runtime;
  let operator: ApiClient;
  let s3: S3Client;
  let marks: DynamoStaleSites;

  const page = async (): Promise<string> => {
    const object = await s3.send(
      new GetObjectCommand({ Bucket: runtime.env.SITES_BUCKET, Key: `desa/${TAMPO}/index.html` }),
    );
    return (await object.Body?.transformToString()) ?? '';
  };
  /** Semester 2's realisation of BLT Dana Desa (recording it again replaces it). */
  const realise = async (amount: number) => {
    const answer = await operator.send(
      'PUT',
      `/v1/villages/${TAMPO}/budgets/${YEAR}/realisation/2`,
      JSON.stringify({ activities: [{ activity: BLT, amount, progress: 'selesai' }] }),
    );
    expect(answer.status).toBe(200);
  };
  /** Bidang 05's realised total as the page's table prints it. */
  const realised = (semester2: number) => (BLT_SEMESTER_1 + semester2).toLocaleString('id-ID');

  beforeAll(async () => {
    // Only the test runs the job: a timed run could clear a mark before the test looks at it.
    runtime = await startTestRuntime(undefined, { siteRenderEveryMs: 0 });
    [operator] = await signInAll(runtime, ['operator.tampo'] as const);
    s3 = new S3Client({
      endpoint: runtime.env.AWS_ENDPOINT_URL_S3,
      region: runtime.env.AWS_REGION,
      forcePathStyle: true,
      credentials: S3RVER_CREDENTIALS,
    });
    marks = new DynamoStaleSites(runtime.env.TABLE_NAME ?? '');
  }, 120_000);
  afterAll(async () => {
    s3?.destroy();
    await runtime?.cleanup();
  });

  it('renders every demo village at start and in the daily run, leaving no mark', async () => {
    expect(await marks.list()).toEqual([]);
    const daily = await runtime.renderStaleSites({ all: true });
    expect(daily).toMatchObject({
      marked: DEMO_VILLAGES.length,
      stale: DEMO_VILLAGES.length,
      rendered: DEMO_VILLAGES.length,
      markedAgain: 0,
      failed: [],
      deferred: 0,
    });
    expect(await marks.list()).toEqual([]);
    console.info(
      `site render over ${daily.rendered} demo villages: ${daily.renderMs.mean} ms mean, ${daily.renderMs.max} ms slowest`,
    );
  }, 60_000);

  it('shows a recorded realisation once the job ran, and clears the mark', async () => {
    // Act: the operator records semester 2
    await realise(37_500_000);
    // Assess: the site is marked stale, still showing semester 1 only
    expect(await marks.list()).toEqual([expect.objectContaining({ villageCode: TAMPO })]);
    expect(await page()).not.toContain(realised(37_500_000));
    expect(await page()).toContain(`realised up to ${YEAR}-06-30`);
    const run = await runtime.renderStaleSites();
    expect(run).toMatchObject({ stale: 1, rendered: 1, markedAgain: 0, failed: [] });
    const after = await page();
    expect(after).toContain(realised(37_500_000));
    expect(after).toContain(`realised up to ${YEAR}-12-31`);
    expect(await marks.list()).toEqual([]);
  }, 60_000);

  it('keeps a mark set again while the site rendered, and shows that change at the next run', async () => {
    await realise(40_000_000);
    const [before] = await marks.list();
    // A run whose render is followed, before it clears the mark, by another realisation (as a PUT landing
    // while the job renders): the same adapters and render as the job.
    const render = siteRenderDeps();
    const raced = await renderStaleSites({
      marks,
      villages: villageDirectory(),
      clock: systemClock,
      render: async (villageCode) => {
        await renderVillageSite(render, villageCode);
        await realise(45_000_000);
      },
    });
    expect(raced).toMatchObject({ rendered: 1, markedAgain: 1 });
    expect(await page()).toContain(realised(40_000_000));
    const [after] = await marks.list();
    expect(after).toMatchObject({ villageCode: TAMPO, staleSince: before?.staleSince });
    expect(after?.markId).not.toBe(before?.markId);
    // The job's next run renders the later change and clears the mark.
    expect(await runtime.renderStaleSites()).toMatchObject({ rendered: 1, markedAgain: 0 });
    expect(await page()).toContain(realised(45_000_000));
    expect(await marks.list()).toEqual([]);
  }, 60_000);
});
