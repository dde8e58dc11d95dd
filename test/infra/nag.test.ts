import { App, NestedStack, Stack, Validations } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../lib/app.js';
import { nagPacks } from '../../lib/nag-suppressions.js';
import { HEAVY_SETUP_BUDGET_MS } from '../support/budgets.js';

const SYNTH_TIMEOUT = HEAVY_SETUP_BUDGET_MS; // synthesis bundles every function: slow on a busy machine
const DEPLOYMENT = 'jatim';

/**
 * cdk-nag 3 is a policy-validation plugin, not an aspect: its findings never become annotations
 * (`Annotations.fromStack(...).findError` sees none either way). The packs are run here on the construct tree
 * with `validateScope`, which honours the acknowledgments of lib/nag-suppressions.ts, as synthesis does.
 */
type Report = ReturnType<ReturnType<typeof nagPacks>[number]['validateScope']>;
type Violation = Report['violations'][number];

const describeViolation = (violation: Violation) =>
  `${violation.severity} ${violation.ruleName}: ${violation.description}\n${violation.violatingResources
    .map((resource) => `    ${resource.constructPath}`)
    .join('\n')}`;

describe('cdk-nag', () => {
  let stack: Stack;
  let violations: Violation[];

  beforeAll(() => {
    // Prepare: the stack as `cdk synth -c deployment=jatim` builds it (packs are run below, not at synth)
    const app = buildApp({ deploymentId: DEPLOYMENT, bundling: false, nag: false });
    stack = app.node.findChild(`DesaDigital-${DEPLOYMENT}`) as Stack;
    // Act
    // As synthesis checks them: after CDK turned references across stacks into nested stacks' parameters.
    app.synth();
    // Each nested stack (the API's route functions) is a scope of its own: validateScope stops at its edge.
    const scopes = [stack, ...stack.node.findAll().filter(NestedStack.isNestedStack)];
    expect(scopes.length).toBeGreaterThan(1);
    violations = nagPacks().flatMap((pack) =>
      scopes.flatMap((scope) => pack.validateScope(scope).violations),
    );
  }, SYNTH_TIMEOUT);

  it('finds no unacknowledged error in the AwsSolutions and Serverless packs', () => {
    const errors = violations.filter((violation) => violation.severity === 'error');
    expect(errors.map(describeViolation)).toEqual([]);
  });

  it('finds no unacknowledged warning either', () => {
    const warnings = violations.filter((violation) => violation.severity !== 'error');
    console.info(`cdk-nag: ${warnings.length} unacknowledged warning(s) in ${stack.stackName}`);
    expect(warnings.map(describeViolation)).toEqual([]);
  });

  it('gives every acknowledgment a written reason', () => {
    const acknowledgments = stack.node
      .findAll()
      .flatMap((node: IConstruct) => node.node.metadata)
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) => Object.entries(entry.data as Record<string, string>));
    expect(acknowledgments.length).toBeGreaterThan(0);
    for (const [id, reason] of acknowledgments) {
      expect(id).toMatch(/AwsSolutions-|Serverless-|@aws-cdk\//);
      expect(reason.length, id).toBeGreaterThan(60);
    }
  });

  it(
    'runs in synthesis: the app synthesizes with both packs registered',
    () => {
      // Act / Assess: an unacknowledged error would make synth() throw with the validation report
      expect(() => buildApp({ deploymentId: DEPLOYMENT, bundling: false }).synth()).not.toThrow();
    },
    SYNTH_TIMEOUT,
  );

  it('is not vacuous: an unacknowledged finding fails synthesis', () => {
    // Prepare: a bucket without access logs, TLS enforcement or a nag acknowledgment
    const app = new App();
    Validations.of(app).addPlugins(...nagPacks(app));
    new Bucket(new Stack(app, 'Careless'), 'Bucket');
    // Act / Assess
    expect(() => app.synth()).toThrow(/AwsSolutions-S1/);
  });
});
