import { App, Stack } from 'aws-cdk-lib';

/** A stack whose functions are never bundled (fast, no esbuild), for construct-level template assertions. */
export const unbundledStack = () =>
  new Stack(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), 'Test', {
    env: { region: 'ap-southeast-3' },
  });
