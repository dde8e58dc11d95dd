import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../functions/api/routes.js';
import { SCHEDULED_JOBS } from '../../functions/workflow/scheduled-jobs.js';
import { WORKFLOW_TASKS } from '../../functions/workflow/tasks.js';
import { synthesizeTemplate } from '../../lib/app.js';
import { ENTRY_METADATA_KEY, LAMBDA_ESBUILD, REPO_ROOT } from '../../lib/constructs/service-function.js';
import { heavyTestFile } from '../support/budgets.js';

heavyTestFile();

const sources = new Map<string, string>();
/** A module's source text, read once. */
const source = (input: string): string => {
  let text = sources.get(input);
  if (text === undefined) {
    text = readFileSync(path.join(REPO_ROOT, input), 'utf8');
    sources.set(input, text);
  }
  return text;
};

interface SynthesizedResource {
  readonly Type: string;
  readonly Metadata?: Readonly<Record<string, unknown>>;
  readonly Properties: { readonly Environment?: { readonly Variables?: Record<string, unknown> } };
}

interface Bundle {
  readonly code: string;
  readonly inputs: readonly string[];
}

/** Each API handler bundled as NodejsFunction bundles it (LAMBDA_ESBUILD), in memory, with its inputs. */
async function bundle(entry: string): Promise<Bundle> {
  const result = await build({
    ...LAMBDA_ESBUILD,
    mainFields: [...LAMBDA_ESBUILD.mainFields],
    alias: { ...LAMBDA_ESBUILD.alias },
    banner: { js: LAMBDA_ESBUILD.banner },
    sourcemap: false,
    entryPoints: [path.join(REPO_ROOT, entry)],
    bundle: true,
    write: false,
    metafile: true,
    outfile: 'index.mjs',
    absWorkingDir: REPO_ROOT,
    logLevel: 'error',
  });
  return {
    code: result.outputFiles[0]?.text ?? '',
    inputs: Object.keys(result.metafile.inputs),
  };
}

/** A string as esbuild writes it (ASCII output: characters beyond it as \\uXXXX escapes). */
const asBundled = (value: string) =>
  [...value]
    .map((char) => {
      const code = char.charCodeAt(0);
      return code < 0x80 ? char : `\\u${code.toString(16).padStart(4, '0')}`;
    })
    .join('');

/**
 * Handlers that use what is asked about: the population registry (NIK activation), the letter renderer; the
 * routes that render a village's website count the register's residents for its statistics; a desil import
 * checks that every NIK is a resident of the regency.
 */
const USES_POPULATION = [
  'issueNikActivation',
  'unlinkNik',
  'putVillage',
  'publishNews',
  'publishAgenda',
  'putRegencyDesil',
  'listOutOfSchoolChildren',
];
/**
 * Routes that draw a PDF: a reissued letter, a letter BSrE signs at its approval, the budget's art. 72 report,
 * and the emblem route, which embeds
 * the image in a PDF to prove a letter can draw it (core/documents/emblem.ts).
 */
const DRAWS_LETTERS = ['reissueDocument', 'approveWithSignature', 'getBudgetReportPdf', 'putRegencyEmblem'];
/** The OpenAPI route documents every route: it is the one that carries the whole table. */
const DOCUMENTS_THE_TABLE = 'getOpenApi';

describe('API handler bundles (issue 11: per-route imports)', () => {
  const bundles = new Map<string, Bundle>();
  /** The environment the stack gives each route's function, by handler module (the merged template). */
  const environments = new Map<string, Readonly<Record<string, unknown>>>();
  /** The workflow's tasks and the scheduled jobs, by handler module (only their environment is checked). */
  const workflowBundles = new Map<string, Bundle>();
  beforeAll(async () => {
    for (const route of ROUTES) bundles.set(route.id, await bundle(route.entry));
    for (const { entry } of [...Object.values(WORKFLOW_TASKS), ...Object.values(SCHEDULED_JOBS)]) {
      workflowBundles.set(entry, await bundle(entry));
    }
    const { Resources } = synthesizeTemplate() as { Resources: Record<string, SynthesizedResource> };
    for (const resource of Object.values(Resources)) {
      const entry = resource.Metadata?.[ENTRY_METADATA_KEY];
      if (resource.Type === 'AWS::Lambda::Function' && typeof entry === 'string') {
        environments.set(entry, resource.Properties.Environment?.Variables ?? {});
      }
    }
  });
  const each = (check: (route: (typeof ROUTES)[number], bundle: Bundle) => void) => {
    for (const route of ROUTES) {
      const found = bundles.get(route.id);
      if (!found) throw new Error(`${route.id} was not bundled`);
      check(route, found);
    }
  };

  it('carry environment credentials only: no SSO, profile, web-identity or metadata providers, no STS client', () => {
    each((route, { inputs }) => {
      expect(
        inputs.filter((input) =>
          /credential-provider-(node|ini|sso|process|web-identity|http|login)|nested-clients|token-providers/.test(
            input,
          ),
        ),
        route.id,
      ).toEqual([]);
      // Every bundle with an SDK client resolves its credentials through the environment provider.
      const sdk = inputs.some((input) => input.includes('node_modules/@aws-sdk/client-'));
      const environmentOnly = inputs.some((input) =>
        input.endsWith('functions/adapters/lambda-credentials.ts'),
      );
      expect(environmentOnly, route.id).toBe(sdk);
    });
  });

  it('get from the stack every environment variable their code requires (locally one process has them all)', () => {
    const missing = (entry: string, { code, inputs }: Bundle) => {
      // requiredEnv('X') in a module the bundle holds, whose name survived tree-shaking into the (minified) code.
      const required = new Set(
        inputs
          .filter((input) => !input.includes('node_modules/'))
          .flatMap((input) =>
            [...source(input).matchAll(/requiredEnv\('([A-Z0-9_]+)'\)/g)].map((match) => match[1] ?? ''),
          )
          .filter((name) => code.includes(`"${name}"`)),
      );
      const given = Object.keys(environments.get(entry) ?? {});
      return [...required].filter((name) => !given.includes(name));
    };
    each((route, found) => {
      expect(missing(route.entry, found), `${route.id} requires variables the stack does not set`).toEqual(
        [],
      );
    });
    for (const [entry, found] of workflowBundles) {
      expect(missing(entry, found), `${entry} requires variables the stack does not set`).toEqual([]);
    }
  });

  it('carry their own route definition, not the rest of the route table', () => {
    each((route, { code }) => {
      if (route.id === DOCUMENTS_THE_TABLE) return;
      // Summaries are unique prose: one in a bundle means that route's definition was bundled.
      const others = ROUTES.filter(
        (other) =>
          other.id !== route.id && other.entry !== route.entry && code.includes(asBundled(other.summary)),
      );
      expect(
        others.map((other) => other.id),
        route.id,
      ).toEqual([]);
      expect(code.includes(asBundled(route.summary)), route.id).toBe(true);
    });
  });

  it('leave out the PDF stack, the synthetic population and the KMS client where the route does not use them', () => {
    each((route, { inputs }) => {
      const has = (pattern: RegExp) => inputs.some((input) => pattern.test(input));
      expect(has(/node_modules\/(pdf-lib|@pdf-lib|qrcode)\//), route.id).toBe(
        DRAWS_LETTERS.includes(route.id),
      );
      expect(has(/population\.json$/), route.id).toBe(USES_POPULATION.includes(route.id));
      // KMS: the pseudonym key, document signatures, and notifications (messages counted per pseudonym).
      const needsKms = route.needs.some((need) =>
        ['pseudonym:key', 'documents:sign', 'documents:verify', 'notify'].includes(need as string),
      );
      expect(has(/@aws-sdk\/client-kms\//), route.id).toBe(needsKms);
    });
  });
});

describe('files a bundle reads at run time (RouteDefinition.bundledFiles)', () => {
  it('exist, and the WebP decoder bundled on its own decodes with only the copied WebAssembly beside it', async () => {
    const withFiles = ROUTES.filter((route) => route.bundledFiles);
    expect(withFiles.map((route) => route.id)).toEqual(['attachMarketPhoto']);
    // Outside the repository, as /var/task is: the package's own copy cannot be found from there.
    const dir = mkdtempSync(path.join(tmpdir(), 'bundle-'));
    try {
      await build({
        ...LAMBDA_ESBUILD,
        mainFields: [...LAMBDA_ESBUILD.mainFields],
        alias: { ...LAMBDA_ESBUILD.alias },
        banner: { js: LAMBDA_ESBUILD.banner },
        sourcemap: false,
        entryPoints: [path.join(REPO_ROOT, 'functions/adapters/webp-decoder.ts')],
        bundle: true,
        outfile: path.join(dir, 'index.mjs'),
        absWorkingDir: REPO_ROOT,
        logLevel: 'error',
      });
      for (const file of withFiles.flatMap((route) => route.bundledFiles ?? [])) {
        copyFileSync(path.join(REPO_ROOT, file), path.join(dir, path.basename(file)));
      }
      const { webpDecoder } = (await import(
        path.join(dir, 'index.mjs')
      )) as typeof import('../../functions/adapters/webp-decoder.js');
      const tinyWebp = Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64');
      expect(await webpDecoder(new Uint8Array(tinyWebp))).toMatchObject({ width: 1, height: 1 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
